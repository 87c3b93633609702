import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { cliPath } from '../support/paths';
import { tempTree } from '../support/tempTree';

/** 300 engines with three violations each: some 150 KB of text, more than a pipe holds (64 KB). */
function noisyTree(): string {
  const files: Record<string, string> = {};
  for (let k = 0; k < 300; k++) {
    files[`b/app/hoc/cus/d/L5_engines/e${k}.py`] = 'from sqlmodel import Session\nfrom app.db import x\nfrom app.models.m import Y\n';
  }
  return tempTree(files);
}

test('`strata check … | head -1`: a reader that closes the pipe early ends the run quietly, with its exit code', async () => {
  const dir = noisyTree();
  const full = spawnSync(process.execPath, [cliPath, 'check', dir], { encoding: 'utf8' });
  assert.ok(full.stdout.length > 128 * 1024, `the whole output (${full.stdout.length} bytes) outgrows the pipe, so writing must meet the closed end`);

  for (const format of ['text', 'json', 'github']) {
    const child = spawn(process.execPath, [cliPath, 'check', dir, '--format', format], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let head = '';
    // As `head -1` does: read up to the first line, then close the reading end.
    child.stdout.on('data', (chunk: Buffer) => {
      head += chunk.toString();
      if (head.includes('\n')) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (status) => resolve(status)));
    assert.equal(stderr, '', `${format}: nothing on stderr`);
    assert.equal(code, 1, `${format}: the exit code of a run with violations`);
    assert.ok(head.length < full.stdout.length, `${format}: the reader saw only the start`);
  }
});
