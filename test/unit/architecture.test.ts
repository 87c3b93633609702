import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Project } from 'ts-morph';
import { repoRoot } from '../support/paths';

/**
 * Strata's own layering, checked the way Strata checks Python: each part of the code base may
 * import only the parts listed here. The core knows neither the editor nor the protocol.
 */
const PARTS: { name: string; folder: string; mayImport: string[]; forbiddenPackages: RegExp }[] = [
  { name: 'core', folder: 'server/src/core', mayImport: ['core', 'schema'], forbiddenPackages: /^(vscode|vscode-.*)$/ },
  // The config file's JSON Schema: data the core reads, shipped as is for editors.
  { name: 'schema', folder: 'server/schema', mayImport: [], forbiddenPackages: /^/ },
  { name: 'protocol', folder: 'server/src/protocol', mayImport: ['protocol'], forbiddenPackages: /^(vscode|vscode-languageserver$|vscode-languageclient.*)$/ },
  { name: 'cli', folder: 'server/src/cli', mayImport: ['cli', 'core'], forbiddenPackages: /^(vscode|vscode-.*)$/ },
  { name: 'lsp', folder: 'server/src/lsp', mayImport: ['lsp', 'core', 'protocol'], forbiddenPackages: /^(vscode|vscode-languageclient.*)$/ },
  { name: 'client', folder: 'client/src', mayImport: ['client', 'protocol'], forbiddenPackages: /^(vscode-languageserver($|\/)|ts-morph)/ },
];

function partOf(file: string) {
  const rel = path.relative(repoRoot, file).split(path.sep).join('/');
  return PARTS.find((p) => rel.startsWith(p.folder + '/'));
}

test("Strata's own parts import only what their layer allows", () => {
  const project = new Project({ compilerOptions: { allowJs: false }, skipAddingFilesFromTsConfig: true });
  const files = project.addSourceFilesAtPaths(PARTS.map((p) => path.join(repoRoot, p.folder, '**/*.ts')));
  assert.ok(files.length > 20, `found ${files.length} source files`);
  const broken: string[] = [];
  for (const file of files) {
    const from = partOf(file.getFilePath());
    if (!from) continue;
    for (const decl of file.getImportDeclarations()) {
      const spec = decl.getModuleSpecifierValue();
      const where = `${path.relative(repoRoot, file.getFilePath())}: ${spec}`;
      if (spec.startsWith('.')) {
        const target = partOf(path.resolve(path.dirname(file.getFilePath()), spec));
        if (!target) broken.push(`${where} (outside every part)`);
        else if (!from.mayImport.includes(target.name)) broken.push(`${where} (${from.name} must not import ${target.name})`);
      } else if (from.forbiddenPackages.test(spec)) {
        broken.push(`${where} (${from.name} must not use ${spec})`);
      }
    }
  }
  assert.deepEqual(broken, []);
});
