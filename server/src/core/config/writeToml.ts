import { tomlKey } from './keyName';

type Table = Record<string, unknown>;

/** Arrays of tables written inline (`forbid = [{ layers = ["x"] }]`) while the line stays this short. */
const INLINE_WIDTH = 100;

/**
 * Data as a TOML document a person reads (`strata config`): a table's plain keys first, then its
 * sub-tables as `[a.b]` sections and its arrays of tables as `[[a.b]]`, unless each element fits
 * on one line as an inline table. Keys keep their order. Reading the text back gives the same data.
 */
export function writeToml(data: Table): string {
  const out: string[] = [];
  writeTable(data, [], out);
  return out.join('\n').replace(/^\n+/, '') + '\n';
}

function writeTable(table: Table, at: string[], out: string[]): void {
  const plain = Object.entries(table).filter(([, v]) => v !== undefined && !isSection(v));
  const sections = Object.entries(table).filter(([, v]) => v !== undefined && isSection(v));
  const header = at.map(tomlKey).join('.');
  // A table with keys of its own (or none at all) needs its header; one of only sections does not.
  if (at.length > 0 && (plain.length > 0 || sections.length === 0)) out.push('', `[${header}]`);
  for (const [key, value] of plain) out.push(`${tomlKey(key)} = ${inlineValue(value)}`);
  for (const [key, value] of sections) {
    if (Array.isArray(value)) {
      for (const element of value as Table[]) {
        out.push('', `[[${[...at, key].map(tomlKey).join('.')}]]`);
        writeTableBody(element, [...at, key], out);
      }
    } else {
      writeTable(value as Table, [...at, key], out);
    }
  }
}

/** The keys of one `[[array]]` element: its header is already written. */
function writeTableBody(table: Table, at: string[], out: string[]): void {
  const plain = Object.entries(table).filter(([, v]) => v !== undefined && !isSection(v));
  for (const [key, value] of plain) out.push(`${tomlKey(key)} = ${inlineValue(value)}`);
  for (const [key, value] of Object.entries(table)) {
    if (value !== undefined && isSection(value)) writeTable({ [key]: value }, at, out);
  }
}

/** A sub-table, or an array of tables too wide to write inline. */
function isSection(value: unknown): boolean {
  if (isTable(value)) return true;
  if (!Array.isArray(value) || value.length === 0 || !value.every(isTable)) return false;
  return value.some((element) => inlineValue(element).length > INLINE_WIDTH);
}

function isTable(value: unknown): value is Table {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function inlineValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(inlineValue).join(', ')}]`;
  if (isTable(value)) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return entries.length === 0 ? '{}' : `{ ${entries.map(([k, v]) => `${tomlKey(k)} = ${inlineValue(v)}`).join(', ')} }`;
  }
  throw new Error(`cannot write ${typeof value} as TOML`);
}
