import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Node, Project, SyntaxKind, type SourceFile } from 'ts-morph';
import { repoRoot } from '../support/paths';

/**
 * The invariants of ARCHITECTURE.md that are about Strata's own code, checked on its syntax
 * trees with ts-morph. Each test is named after its invariant; ARCHITECTURE.md names the test.
 */

/** Each part of the code base may import only the parts listed here. */
const PARTS: { name: string; folder: string; mayImport: string[]; forbiddenPackages: RegExp }[] = [
  { name: 'core', folder: 'server/src/core', mayImport: ['core', 'schema'], forbiddenPackages: /^(vscode|vscode-.*)$/ },
  // The config file's JSON Schema: data the core reads, shipped as is for editors.
  { name: 'schema', folder: 'server/schema', mayImport: [], forbiddenPackages: /^/ },
  { name: 'host', folder: 'server/src/host', mayImport: ['host', 'core'], forbiddenPackages: /^(vscode|vscode-.*)$/ },
  { name: 'protocol', folder: 'server/src/protocol', mayImport: ['protocol'], forbiddenPackages: /^(vscode|vscode-languageserver$|vscode-languageclient.*)$/ },
  { name: 'cli', folder: 'server/src/cli', mayImport: ['cli', 'host', 'core'], forbiddenPackages: /^(vscode|vscode-.*)$/ },
  { name: 'lsp', folder: 'server/src/lsp', mayImport: ['lsp', 'host', 'core', 'protocol'], forbiddenPackages: /^(vscode|vscode-languageclient.*)$/ },
  { name: 'client', folder: 'client/src', mayImport: ['client', 'protocol'], forbiddenPackages: /^(vscode-languageserver($|\/)|ts-morph)/ },
];

/** Node modules that reach outside the process: files, threads, processes, the network, the machine. */
const IO_MODULES = new Set([
  'fs', 'fs/promises', 'os', 'worker_threads', 'child_process', 'cluster', 'net', 'dgram', 'dns', 'http', 'https', 'http2', 'tls', 'readline', 'process',
]);
/** Globals that do IO or reach the process. */
const IO_GLOBALS = new Set(['process', 'require', 'fetch']);

/** The scan records (what the scanner returns, shared between files and threads): every field readonly. */
const SCAN_RECORD_FILE = 'server/src/core/extract/python/importStatement.ts';

/** Calls that list a folder's entries: only the walker of the core may make them. */
const FOLDER_LISTING = new Set(['readdir', 'readdirSync', 'opendir', 'opendirSync', 'glob', 'globSync', 'walk', 'walkSync']);
const FOLDER_LISTING_PACKAGES = /^(glob|fast-glob|tinyglobby|globby|readdirp|chokidar|klaw.*|walkdir)$/;

/** Strata's own protocol names: its custom methods and its server commands. */
const PROTOCOL_NAME = /^(strata\/|strata\.server\.)[A-Za-z]+$/;

let project: Project | undefined;
function sources(): SourceFile[] {
  if (!project) {
    project = new Project({ tsConfigFilePath: path.join(repoRoot, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
    project.addSourceFilesAtPaths(PARTS.map((p) => path.join(repoRoot, p.folder, '**/*.ts')));
  }
  return project.getSourceFiles();
}

function rel(file: SourceFile | string): string {
  const full = typeof file === 'string' ? file : file.getFilePath();
  return path.relative(repoRoot, full).split(path.sep).join('/');
}

function partOf(file: string) {
  const r = rel(file);
  return PARTS.find((p) => r.startsWith(p.folder + '/'));
}

function filesOf(...parts: string[]): SourceFile[] {
  return sources().filter((f) => parts.includes(partOf(f.getFilePath())?.name ?? ''));
}

/** Module specifiers a file imports or re-exports, `import()` and `require()` included. */
function specifiers(file: SourceFile): { spec: string; node: Node }[] {
  const found: { spec: string; node: Node }[] = [];
  for (const decl of [...file.getImportDeclarations(), ...file.getExportDeclarations()]) {
    const spec = decl.getModuleSpecifierValue();
    if (spec !== undefined) found.push({ spec, node: decl });
  }
  for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
    const callee = call.getExpression();
    const isLoader = callee.getKind() === SyntaxKind.ImportKeyword || (Node.isIdentifier(callee) && callee.getText() === 'require');
    const first = call.getArguments()[0];
    if (isLoader && first && Node.isStringLiteral(first)) found.push({ spec: first.getLiteralValue(), node: call });
  }
  return found;
}

function at(node: Node): string {
  return `${rel(node.getSourceFile())}:${node.getStartLineNumber()}`;
}

test('invariant 1: each part imports only the parts below it (core ← host ← cli, lsp; protocol ← lsp, client)', () => {
  assert.ok(sources().length > 20, `found ${sources().length} source files`);
  const broken: string[] = [];
  for (const file of sources()) {
    const from = partOf(file.getFilePath());
    if (!from) continue;
    for (const { spec, node } of specifiers(file)) {
      if (spec.startsWith('.')) {
        const target = partOf(path.resolve(path.dirname(file.getFilePath()), spec));
        if (!target) broken.push(`${at(node)}: ${spec} (outside every part)`);
        else if (!from.mayImport.includes(target.name)) broken.push(`${at(node)}: ${spec} (${from.name} must not import ${target.name})`);
      } else if (from.forbiddenPackages.test(spec)) {
        broken.push(`${at(node)}: ${spec} (${from.name} must not use ${spec})`);
      }
    }
  }
  assert.deepEqual(broken, []);
});

test('invariant 4: the core does no IO (no file system, threads, processes or network under server/src/core)', () => {
  const doingIo = new Map<string, string[]>();
  for (const file of filesOf('core')) {
    const uses: string[] = [];
    for (const { spec, node } of specifiers(file)) {
      if (IO_MODULES.has(spec.replace(/^node:/, ''))) uses.push(`${at(node)} imports ${spec}`);
    }
    for (const id of file.getDescendantsOfKind(SyntaxKind.Identifier)) {
      if (!IO_GLOBALS.has(id.getText())) continue;
      const parent = id.getParent();
      // `x.process` or `{ process: … }` name a property, not the global.
      if (parent && (Node.isPropertyAccessExpression(parent) && parent.getNameNode() === id)) continue;
      if (parent && (Node.isPropertyAssignment(parent) || Node.isPropertySignature(parent) || Node.isMethodDeclaration(parent)) && parent.getNameNode() === id) continue;
      const declared = id.getSymbol()?.getDeclarations() ?? [];
      if (declared.some((d) => rel(d.getSourceFile()).startsWith('server/'))) continue;
      uses.push(`${at(id)} uses the global ${id.getText()}`);
    }
    if (uses.length > 0) doingIo.set(rel(file), uses);
  }
  assert.deepEqual([...doingIo.values()].flat(), [], 'IO belongs in server/src/host, which the CLI and the server share');
});

test('invariant 5: scans are immutable (every field of the scan records is readonly, every list a readonly array)', () => {
  const file = sources().find((f) => rel(f) === SCAN_RECORD_FILE);
  assert.ok(file, `${SCAN_RECORD_FILE} is where the scan records are declared`);
  const interfaces = file.getInterfaces();
  assert.deepEqual(
    interfaces.map((i) => i.getName()).sort(),
    ['ImportStatement', 'ImportedName', 'PythonScan', 'ScanProblem', 'SourcePosition', 'SourceSpan', 'Suppression'],
  );
  const writable: string[] = [];
  for (const declaration of interfaces) {
    for (const property of declaration.getProperties()) {
      const name = `${declaration.getName()}.${property.getName()}`;
      if (!property.isReadonly()) writable.push(`${name} is not readonly`);
      const written = property.getTypeNode()?.getText() ?? '';
      if (property.getType().isArray() && !/^(readonly |ReadonlyArray<)/.test(written)) writable.push(`${name} is a mutable array (${written})`);
    }
  }
  assert.deepEqual(writable, []);
});

test('invariant 6: the CLI and the server list no folders themselves (one walker, one skip policy, in the host)', () => {
  const listing: string[] = [];
  for (const file of filesOf('cli', 'lsp')) {
    for (const { spec, node } of specifiers(file)) {
      if (FOLDER_LISTING_PACKAGES.test(spec)) listing.push(`${at(node)} imports ${spec}`);
    }
    for (const call of file.getDescendantsOfKind(SyntaxKind.CallExpression)) {
      const callee = call.getExpression();
      const name = Node.isPropertyAccessExpression(callee) ? callee.getName() : Node.isIdentifier(callee) ? callee.getText() : undefined;
      if (name !== undefined && FOLDER_LISTING.has(name)) listing.push(`${at(call)} calls ${name}`);
    }
  }
  assert.deepEqual(listing, []);
});

test('invariant 7: the client and the server name Strata\'s messages and commands only through the protocol', () => {
  const named: string[] = [];
  for (const file of filesOf('client', 'lsp', 'cli', 'core')) {
    const literals = [...file.getDescendantsOfKind(SyntaxKind.StringLiteral), ...file.getDescendantsOfKind(SyntaxKind.NoSubstitutionTemplateLiteral)];
    for (const literal of literals) if (PROTOCOL_NAME.test(literal.getLiteralValue())) named.push(`${at(literal)} ${literal.getText()}`);
  }
  assert.deepEqual(named, [], 'each name is defined once, in server/src/protocol');
  const protocolNames = filesOf('protocol').flatMap((f) => f.getDescendantsOfKind(SyntaxKind.StringLiteral)).filter((l) => PROTOCOL_NAME.test(l.getLiteralValue()));
  assert.ok(protocolNames.length >= 10, `the protocol defines the names (${protocolNames.length} found)`);
});

/** Folders the code map need not list: test data and generated output. */
const UNMAPPED = /^(test\/fixtures\/.|test\/artifacts|node_modules|out|dist|\.)/;

test('ARCHITECTURE.md names every folder and every invariant names a test that exists', () => {
  const doc = fs.readFileSync(path.join(repoRoot, 'ARCHITECTURE.md'), 'utf8');
  const mapped = new Set([...doc.matchAll(/^- `([^`]+)\/`/gm)].map((m) => m[1]));
  const folders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true })) {
      const sub = dir === '' ? entry.name : `${dir}/${entry.name}`;
      if (!entry.isDirectory() || UNMAPPED.test(sub)) continue;
      folders.push(sub);
      walk(sub);
    }
  };
  for (const top of ['server', 'client', 'scripts', 'test', 'media']) {
    folders.push(top);
    walk(top);
  }
  const problems = [
    ...folders.filter((f) => !mapped.has(f)).map((f) => `${f}/ is missing from the code map`),
    ...[...mapped].filter((f) => !folders.includes(f)).map((f) => `${f}/ is in the code map but is no folder`),
  ];

  const section = doc.slice(doc.indexOf('## Invariants'));
  const invariants = [...section.matchAll(/^(\d+)\. ([\s\S]*?)(?=^\d+\. |^The document|(?![\s\S]))/gm)];
  assert.ok(invariants.length >= 7, `found ${invariants.length} invariants`);
  for (const [, number, text] of invariants) {
    const references = [...text.matchAll(/`(test\/[^`]+\.test\.ts)` ›\s+`([^`…]+)/g)];
    if (references.length === 0) problems.push(`invariant ${number} names no test`);
    for (const [, file, title] of references) {
      const full = path.join(repoRoot, file);
      const source = fs.existsSync(full) ? fs.readFileSync(full, 'utf8').replace(/\\'/g, "'") : '';
      if (!source.includes(`test('${title.trim()}`) && !source.includes(`test("${title.trim()}`)) problems.push(`invariant ${number}: no test "${title.trim()}" in ${file}`);
    }
  }
  assert.deepEqual(problems, []);
});
