import { parseArgs } from 'node:util';
import { UsageError } from './usageError';

export type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string; multiple?: boolean }>;

/** A command's arguments, read with node's own parser; anything unknown is a usage error that names it. */
export class ParsedCommand {
  private constructor(
    private readonly values: Record<string, string | boolean | (string | boolean)[] | undefined>,
    readonly positionals: string[],
  ) {}

  static parse(command: string, args: string[], options: OptionSpec, maxPositionals: number): ParsedCommand {
    try {
      const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
      if (positionals.length > maxPositionals) throw new UsageError(`strata ${command}: unexpected argument '${positionals[maxPositionals]}' (see strata ${command} --help)`);
      return new ParsedCommand(values, positionals);
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`strata ${command}: ${(error as Error).message.split('\n')[0]} (see strata ${command} --help)`);
    }
  }

  flag(name: string): boolean {
    return this.values[name] === true;
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }

  /** A repeatable option's values, in the order given. */
  strings(name: string): string[] {
    const value = this.values[name];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
  }

  positionalOr(index: number, fallback: string): string {
    return this.positionals[index] ?? fallback;
  }
}
