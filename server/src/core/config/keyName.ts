import { parsePointer } from './tomlDocument';

/**
 * How the TOML file names the key at a JSON Pointer: `layers."L2.1_facade".paths[0]`
 * (dotted keys, quoted where TOML needs quotes, array elements by index).
 */
export function keyName(pointer: string, root: unknown): string {
  let name = '';
  let value: unknown = root;
  for (const segment of parsePointer(pointer)) {
    if (Array.isArray(value)) {
      name += `[${segment}]`;
    } else {
      name += (name === '' ? '' : '.') + tomlKey(segment);
    }
    value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[segment] : undefined;
  }
  return name;
}

/** A key as TOML writes it: bare when it can be, quoted otherwise. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : JSON.stringify(key);
}

/** The TOML word for a parsed value's type, for messages (`not a string`). */
export function tomlTypeOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value instanceof Date) return 'a date';
  if (value === null || value === undefined) return 'nothing';
  switch (typeof value) {
    case 'object':
      return 'a table';
    case 'number':
      return Number.isInteger(value) ? 'an integer' : 'a float';
    case 'bigint':
      return 'an integer';
    default:
      return `a ${typeof value}`;
  }
}
