import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LspClient, type Diagnostic } from '../support/lspClient';
import { tempTree } from '../support/tempTree';

const ENGINE = 'b/app/hoc/cus/x/L5_engines/a.py';
const SOURCE = [
  'import json  # strata: ignore[L5-DB]',
  'from app.models import m  # strata: ignore[L5-L7, L5-DB]',
  'import sqlalchemy  # strata: ignore[L5-sqlalchemy, L9-XX]',
  '',
].join('\n');

const shape = (d: Diagnostic) => ({ range: d.range, severity: d.severity, code: d.code, message: d.message, tags: (d as { tags?: number[] }).tags });
const at = (line: number, from: number, to: number) => ({ start: { line, character: from }, end: { line, character: to } });

test('unused and unknown ignores are warnings on the comment, and their quick-fixes remove just what matches nothing', async () => {
  const root = tempTree({ [ENGINE]: SOURCE, 'b/app/models/m.py': '' });
  const file = path.join(root, ENGINE);
  const client = await LspClient.start([root]);
  try {
    // Published for the file from disk at indexing, before any editor opens it.
    const published = await client.waitForDiagnostics(file, (d) => d.length === 3, 'the ignore warnings');
    assert.deepEqual(published.diagnostics.map(shape), [
      { range: at(0, 13, 36), severity: 2, code: 'unused-ignore', message: 'This strata: ignore silences nothing: L5-DB matches no violation on this line', tags: [1] },
      { range: at(1, 26, 56), severity: 2, code: 'unused-ignore', message: 'This strata: ignore silences nothing: L5-DB matches no violation on this line', tags: [1] },
      { range: at(2, 19, 57), severity: 2, code: 'unknown-rule', message: 'This strata: ignore names a rule the ruleset does not have: L9-XX', tags: [1] },
    ]);
    await client.open(file);
    const opened = await client.waitForDiagnostics(file, (d) => d.length === 3, 'the open document');

    const fixes: string[] = [];
    for (const diagnostic of opened.diagnostics) {
      const actions = await client.codeActions(file, diagnostic.range, [diagnostic]);
      const remove = actions.filter((a) => a.title.startsWith('Remove'));
      assert.equal(remove.length, 1, actions.map((a) => a.title).join(' | '));
      assert.deepEqual(remove[0].diagnostics, [diagnostic]);
      fixes.push(remove[0].title);
    }
    assert.deepEqual(fixes, [
      'Remove unused `# strata: ignore`',
      'Remove `L5-DB` from `# strata: ignore` (it matches nothing)',
      'Remove unknown rule `L9-XX` from `# strata: ignore`',
    ]);

    // Apply them one after the other, each from the diagnostics current at that point.
    for (let remaining = 3; remaining > 0; remaining--) {
      const [first] = client.diagnosticsOf(file);
      const [action] = (await client.codeActions(file, first.range, [first])).filter((a) => a.title.startsWith('Remove'));
      await client.applyEdit(action.edit!);
      await client.waitForDiagnostics(file, (d) => d.length === remaining - 1, `after "${action.title}"`);
    }
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      ['import json', 'from app.models import m  # strata: ignore[L5-L7]', 'import sqlalchemy  # strata: ignore[L5-sqlalchemy]', ''].join('\n'),
    );
  } finally {
    await client.stop();
  }
});
