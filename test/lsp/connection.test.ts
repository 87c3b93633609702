import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import type { TopologyResult } from '../../server/src/protocol/strataProtocol';
import { LspClient, serverPath, uri } from '../support/lspClient';
import { hocBackend } from '../support/paths';

test('strata/topology sent right after `initialized` answers indexing: true, then the index once it is built', async () => {
  const client = new LspClient();
  try {
    // As VS Code's client does: `initialized`, then at once the view's first request, while the
    // server is still registering its watchers with the client.
    await client.initialize([hocBackend]);
    const early = await client.request<TopologyResult>('strata/topology', {});
    assert.equal(early.indexing, true);
    await client.indexed();
    const late = await client.request<TopologyResult>('strata/topology', {});
    assert.equal(late.indexing, false);
    assert.deepEqual(late.sourceRoots, [uri(path.join(hocBackend, 'backend'))]);
  } finally {
    await client.stop();
  }
});

/** One message as the stdio transport frames it, with the Content-Length it claims (the true one by default). */
function frame(message: object, claimedLength?: number): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${claimedLength ?? body.length}\r\n\r\n`, 'ascii'), body]);
}

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } };
const topology = (id: number) => ({ jsonrpc: '2.0', id, method: 'strata/topology', params: {} });

/**
 * Starts the server on raw stdio, initializes it, writes `bytes`, and waits for it to exit
 * (at most `timeoutMs`; a server still running then is killed and reported as hanging).
 */
async function exitAfter(bytes: Buffer[], timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; hung: boolean }> {
  const server = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  server.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => server.on('exit', (code) => resolve(code)));
  const initialized = new Promise<void>((resolve) => {
    server.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (stdout.includes('"id":1,"result"')) resolve();
    });
  });
  server.stdin.write(frame(initialize));
  await initialized;
  server.stdin.write(frame({ jsonrpc: '2.0', method: 'initialized', params: {} }));
  for (const b of bytes) server.stdin.write(b);
  let timer: NodeJS.Timeout | undefined;
  const hung = await Promise.race([
    exited.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), timeoutMs))),
  ]);
  clearTimeout(timer);
  if (hung) server.kill();
  return { code: await exited, stdout, stderr, hung };
}

function assertExitedSaying(run: { code: number | null; stdout: string; stderr: string; hung: boolean }, why: RegExp): void {
  assert.equal(run.hung, false, `the server hung instead of exiting; stderr:\n${run.stderr}`);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /^Strata: cannot read the client's messages any more \(/m);
  assert.match(run.stderr, why);
  // The client's log says it too (window/logMessage, an Error), so the user sees why it restarts the server.
  assert.match(run.stdout, /"method":"window\/logMessage","params":\{"type":1,"message":"Strata: cannot read the client's messages any more/);
}

test('a Content-Length shorter than the message: the server says why and exits, and the client may start a new one', async () => {
  const lie = frame(topology(2), 20);
  const run = await exitAfter([lie, frame(topology(3))], 20000);
  assertExitedSaying(run, /Content-Length of a message was wrong/);
  assert.doesNotMatch(run.stdout, /"id":[23],"result"/);
});

test('a Content-Length longer than the message, then more messages: the server says why and exits', async () => {
  const lie = frame(topology(2), 200);
  const run = await exitAfter([lie, frame(topology(3)), frame(topology(4)), frame(topology(5))], 20000);
  assertExitedSaying(run, /Content-Length of a message was wrong/);
});

test('a Content-Length longer than the message, then silence: the server does not wait for good', async () => {
  const run = await exitAfter([frame(topology(2), 4096)], 20000);
  assertExitedSaying(run, /a message has stopped short of its Content-Length for 5000 ms/);
});
