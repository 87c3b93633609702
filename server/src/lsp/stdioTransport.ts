import { Console } from 'node:console';
import { lsp } from './lsp';

/**
 * A message that stays shorter than its Content-Length for this long is not coming: a pipe
 * delivers a whole message in milliseconds, even one of megabytes.
 */
const INCOMPLETE_MESSAGE_MS = 5000;

/**
 * The stdio transport (`--stdio`), with its framing watched. Each message is a `Content-Length: N`
 * header and N bytes; one wrong N and every later message is cut in the wrong place, which the
 * library reports only on an error event nothing listens to: the server would stay up and answer
 * nothing, for good. There is no safe way to find the start of the next message again, so the
 * server says why, in the client's log and on stderr, and exits; the client starts a new one.
 * Undefined when the server was started another way (`--node-ipc`: messages are whole objects there).
 */
export function stdioTransport(argv: string[], shutdownRequested: () => boolean): { reader: lsp.MessageReader; writer: lsp.MessageWriter } | undefined {
  if (!argv.includes('--stdio')) return undefined;
  // stdout carries the protocol: a stray console.log must not corrupt it.
  globalThis.console = new Console({ stdout: process.stderr, stderr: process.stderr });
  const reader = new lsp.StreamMessageReader(process.stdin);
  const writer = new lsp.StreamMessageWriter(process.stdout);
  reader.partialMessageTimeout = INCOMPLETE_MESSAGE_MS;
  let exiting = false;
  const unreadable = (reason: string) => {
    if (exiting) return;
    exiting = true;
    const message = `Strata: cannot read the client's messages any more (${reason}); the server exits so that the client can start a new one`;
    process.stderr.write(message + '\n');
    const notice: lsp.NotificationMessage = { jsonrpc: '2.0', method: 'window/logMessage', params: { type: lsp.MessageType.Error, message } };
    void writer.write(notice).catch(() => undefined).finally(() => process.exit(1));
  };
  reader.onError((error) => unreadable(`${error.message.split('\n')[0]}: the Content-Length of a message was wrong, or its content is not JSON`));
  reader.onPartialMessage(({ waitingTime }) => unreadable(`a message has stopped short of its Content-Length for ${waitingTime} ms`));
  // As the library does for the stdio it opens itself: the client is gone.
  reader.onClose(() => process.exit(shutdownRequested() ? 0 : 1));
  return { reader, writer };
}
