import { getStaticTOMLValue, parseTOML, ParseError, type AST } from 'toml-eslint-parser';
import type { TextRange } from './configProblem';

/** A TOML text read: the document, or why it cannot be read (a syntax error) and where. */
export type TomlParse = { ok: true; document: TomlDocument } | { ok: false; message: string; range: TextRange };

/**
 * A key the value reader (`getStaticTOMLValue`) must never see: it assigns keys to plain objects,
 * and `[a.__proto__]` then writes into Object.prototype, changing every object of the process
 * (a language server's for the rest of its life).
 */
const RESERVED_KEY = '__proto__';

/**
 * A TOML file as plain data plus where each key and value was written, so that a problem found
 * in the data (by the schema, or by a semantic check) is reported at the offending text.
 * Locations are keyed by JSON Pointer (`/layers/api/paths/0`), the form the schema validator uses.
 */
export class TomlDocument {
  private constructor(
    readonly value: Record<string, unknown>,
    private readonly keys: Map<string, TextRange>,
    private readonly values: Map<string, TextRange>,
  ) {}

  /**
   * Parses TOML text; a syntax error comes back with its position instead of a document. Never
   * throws: TOML nested deeper than the parser's recursion can follow is an error at the start.
   */
  static parse(source: string): TomlParse {
    // A BOM (Windows editors write one) is no part of the text, as for toml_edit (ruff, tach) and
    // for an editor's positions, which then match ours.
    const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source;
    try {
      const ast = parseTOML(text, { tomlVersion: '1.0' });
      const reserved = reservedKey(ast.body[0].body);
      if (reserved) return { ok: false, message: `'${RESERVED_KEY}' cannot be a key (JavaScript reserves the name)`, range: rangeOf(reserved) };
      return { ok: true, document: TomlDocument.read(ast) };
    } catch (error) {
      if (error instanceof ParseError) {
        let at = { line: error.lineNumber - 1, column: error.column };
        // `key =` with nothing after it, or `[table` without `]`, is reported at the start of the
        // next line; it is the mistake of the line before.
        if (/^(Unspecified values|Unterminated)/.test(error.message) && at.column === 0 && at.line > 0) {
          const previous = text.split(/\r?\n/)[at.line - 1];
          at = { line: at.line - 1, column: previous.trimEnd().length };
        }
        const found = /^Unexpected (character|token)$/.test(error.message) && error.index < text.length ? ` ${JSON.stringify(text[error.index])}` : '';
        return { ok: false, message: `invalid TOML: ${error.message}${found}`, range: { start: at, end: at } };
      }
      // The parser and the readers below recurse into arrays and inline tables: thousands of
      // levels overflow the stack, which no config needs.
      const why = error instanceof RangeError ? 'nested too deeply to read' : `cannot be read (${String(error)})`;
      return { ok: false, message: `invalid TOML: ${why}`, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } } };
    }
  }

  private static read(ast: AST.TOMLProgram): TomlDocument {
    const keys = new Map<string, TextRange>();
    const values = new Map<string, TextRange>();
    const top = ast.body[0];
    for (const item of top.body) {
      if (item.type === 'TOMLTable') {
        const where = toPointer(item.resolvedKey);
        // `[[gaps]]` opens element n of `gaps`: the header stands for the element.
        remember(keys, where, rangeOf(item.key));
        remember(values, where, rangeOf(item.key));
        for (const keyValue of item.body) recordKeyValue(keyValue, where, keys, values);
      } else {
        recordKeyValue(item, '', keys, values);
      }
    }
    return new TomlDocument(getStaticTOMLValue(ast) as Record<string, unknown>, keys, values);
  }

  /** Where the key at `pointer` was written, else where its nearest written ancestor at least `minDepth` deep was. */
  keyRange(pointer: string, minDepth = 0): TextRange | undefined {
    return nearest(this.keys, pointer, minDepth);
  }

  /** Where the value at `pointer` was written (the table header for a table), else its nearest written ancestor's. */
  valueRange(pointer: string, minDepth = 0): TextRange | undefined {
    return nearest(this.values, pointer, minDepth);
  }

  /** The document below a table (`/tool/strata` of pyproject.toml), keeping the positions. */
  subDocument(pointer: string): TomlDocument | undefined {
    let value: unknown = this.value;
    for (const segment of parsePointer(pointer)) {
      if (typeof value !== 'object' || value === null || !(segment in value)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
    const strip = (map: Map<string, TextRange>) =>
      new Map([...map].filter(([k]) => k.startsWith(pointer + '/')).map(([k, v]) => [k.slice(pointer.length), v]));
    const root = this.valueRange(pointer);
    const values = strip(this.values);
    if (root) values.set('', root);
    return new TomlDocument(value as Record<string, unknown>, strip(this.keys), values);
  }
}

/** The first key spelled `RESERVED_KEY` among the tables, keys and inline tables of `items`. */
function reservedKey(items: readonly (AST.TOMLTable | AST.TOMLKeyValue)[]): AST.TOMLBare | AST.TOMLQuoted | undefined {
  for (const item of items) {
    const found = item.key.keys.find((k) => (k.type === 'TOMLBare' ? k.name : k.value) === RESERVED_KEY);
    if (found) return found;
    const inner = item.type === 'TOMLTable' ? reservedKey(item.body) : reservedKeyIn(item.value);
    if (inner) return inner;
  }
  return undefined;
}

function reservedKeyIn(value: AST.TOMLContentNode): AST.TOMLBare | AST.TOMLQuoted | undefined {
  if (value.type === 'TOMLInlineTable') return reservedKey(value.body);
  if (value.type === 'TOMLArray') {
    for (const element of value.elements) {
      const found = reservedKeyIn(element);
      if (found) return found;
    }
  }
  return undefined;
}

// The readers below take the pointer of where they are and add one segment to it per level, so
// that deep nesting costs linear time.

function recordKeyValue(node: AST.TOMLKeyValue, base: string, keys: Map<string, TextRange>, values: Map<string, TextRange>): void {
  // Dotted keys (`layers.api.label = …`) create the tables on their way: each is where it is first named.
  let where = base;
  node.key.keys.forEach((keyNode, i) => {
    where += toPointer([keyNode.type === 'TOMLBare' ? keyNode.name : keyNode.value]);
    remember(keys, where, rangeOf(keyNode));
    if (i < node.key.keys.length - 1) remember(values, where, rangeOf(keyNode));
  });
  recordValue(node.value, where, keys, values);
}

function recordValue(node: AST.TOMLContentNode, where: string, keys: Map<string, TextRange>, values: Map<string, TextRange>): void {
  remember(values, where, rangeOf(node));
  if (node.type === 'TOMLArray') {
    node.elements.forEach((element, index) => {
      remember(keys, `${where}/${index}`, rangeOf(element));
      recordValue(element, `${where}/${index}`, keys, values);
    });
  } else if (node.type === 'TOMLInlineTable') {
    for (const keyValue of node.body) recordKeyValue(keyValue, where, keys, values);
  }
}

function remember(map: Map<string, TextRange>, pointer: string, range: TextRange): void {
  if (!map.has(pointer)) map.set(pointer, range);
}

function rangeOf(node: { loc: AST.SourceLocation }): TextRange {
  return {
    start: { line: node.loc.start.line - 1, column: node.loc.start.column },
    end: { line: node.loc.end.line - 1, column: node.loc.end.column },
  };
}

function nearest(map: Map<string, TextRange>, pointer: string, minDepth: number): TextRange | undefined {
  for (let p = pointer; parsePointer(p).length >= minDepth; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = map.get(p);
    if (found || p === '') return found;
  }
  return undefined;
}

/** `['layers', 'a/b']` → `/layers/a~1b` (RFC 6901). */
export function toPointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}
