import type { Connection } from './lsp';

/** One line per event to the client's output channel (connection.console); never throws. */
export class Log {
  constructor(private readonly connection: Connection) {}

  info(message: string): void {
    this.write('info', message);
  }

  warn(message: string): void {
    this.write('warn', message);
  }

  error(message: string, error?: unknown): void {
    this.write('error', error === undefined ? message : `${message}: ${describeError(error)}`);
  }

  private write(level: 'info' | 'warn' | 'error', message: string): void {
    const line = `Strata: ${message.replace(/\s*\n\s*/g, ' ⏎ ')}`;
    try {
      if (level === 'error') this.connection.console.error(line);
      else if (level === 'warn') this.connection.console.warn(line);
      else this.connection.console.info(line);
    } catch {
      // The connection is gone; there is no one left to tell.
    }
  }
}

export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const where = error.stack?.split('\n')[1]?.trim();
    return where ? `${error.message} (${where})` : error.message;
  }
  return String(error);
}
