/**
 * Parses one import statement whose extent the lexer has already found (from its keyword to the
 * `;` or end of its logical line). Only this small range is tokenised in detail, which is what
 * keeps the whole-file scan cheap: import lines are a tiny share of a Python file.
 */
import type { ImportedName, ImportScope, ImportStatement, ScanProblem, SourcePosition, SourceSpan } from './importStatement';
import { Ch, HARD_KEYWORDS, isIdentChar, isIdentStart } from './pythonChars';

const T_END = 0;
const T_NAME = 1;
const T_DOT = 2;
const T_COMMA = 3;
const T_LPAREN = 4;
const T_RPAREN = 5;
const T_STAR = 6;
const T_OTHER = 7;

/** Where the statement sits; decided by the scanner from indentation, not by this parser. */
export interface ImportContext {
  typeCheckingOnly: boolean;
  functionName: string | undefined;
}

export type ImportParse = { ok: true; statement: ImportStatement } | { ok: false; problem: ScanProblem | undefined };

class ParseError {
  constructor(readonly position: SourcePosition, readonly message: string, readonly atEnd: boolean) {}
}

/** Python compares identifiers after NFKC normalisation, so `ﬁle` names the module `file`. */
function normalizeName(name: string): string {
  for (let k = 0; k < name.length; k++) {
    if (name.charCodeAt(k) >= 128) return name.normalize('NFKC');
  }
  return name;
}

export class ImportStatementParser {
  private text = '';
  private end = 0;
  private pos = 0;
  private line = 0;
  private lineStart = 0;

  private tok = T_END;
  private tokStart = 0;
  private tokEnd = 0;
  private tokLine = 0;
  private tokLineStart = 0;
  /** End of the previous token, for spans that stop at the last token read (numbers: no allocation per token). */
  private lastEndLine = 0;
  private lastEndColumn = 0;

  /**
   * `start` is the index of the `import`/`from` keyword, on 0-based `line` whose first character is
   * at `lineStart`. `unclosed` says the lexer already reported an unclosed bracket that cut this
   * range short, so running out of tokens inside `( … )` needs no second problem.
   */
  parse(
    text: string, start: number, end: number, line: number, lineStart: number,
    context: ImportContext, unclosed: boolean,
  ): ImportParse {
    this.text = text;
    this.end = end;
    this.pos = start;
    this.line = line;
    this.lineStart = lineStart;
    try {
      this.advance();
      const statement = this.tokIsWord('from') ? this.parseFrom(context) : this.parseImport(context);
      return { ok: true, statement };
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      if (e.atEnd && unclosed) return { ok: false, problem: undefined };
      return { ok: false, problem: { position: e.position, message: e.message } };
    } finally {
      // The scanner shares one parser across files: do not keep the last file alive.
      this.text = '';
    }
  }

  private parseImport(context: ImportContext): ImportStatement {
    const start = this.tokPos();
    this.advance();
    const names: ImportedName[] = [];
    for (;;) {
      const first = this.tokPos();
      const dotted = this.parseDotted("expected a module name after 'import'");
      const entry: ImportedName = { name: dotted, span: { start: first, end: this.lastEnd() } };
      this.parseAlias(entry);
      names.push(entry);
      if (!this.at(T_COMMA)) break;
      this.advance();
    }
    this.expectEnd();
    return this.build('import', 0, '', undefined, names, { start, end: this.lastEnd() }, context);
  }

  private parseFrom(context: ImportContext): ImportStatement {
    const start = this.tokPos();
    this.advance();
    const moduleStart = this.tokPos();
    let level = 0;
    while (this.at(T_DOT)) {
      level++;
      this.advance();
    }
    let module = '';
    if (this.at(T_NAME) && !this.tokIsWord('import')) {
      module = this.parseDotted("expected a module name after 'from'");
    } else if (level === 0) {
      throw this.error("expected a module name after 'from'");
    }
    const moduleSpan: SourceSpan = { start: moduleStart, end: this.lastEnd() };
    if (!this.tokIsWord('import')) throw this.error("expected 'import' after the module name");
    this.advance();
    const names: ImportedName[] = [];
    if (this.at(T_STAR)) {
      const span = { start: this.tokPos(), end: this.tokEndPos() };
      names.push({ name: '*', span });
      this.advance();
    } else {
      const parenthesised = this.at(T_LPAREN);
      if (parenthesised) this.advance();
      for (;;) {
        const name = this.expectName(
          names.length === 0 ? (parenthesised ? "expected a name after '('" : "expected a name, '*' or '(' after 'import'") : "expected a name after ','",
        );
        this.parseAlias(name);
        names.push(name);
        if (!this.at(T_COMMA)) break;
        this.advance();
        if (parenthesised && this.at(T_RPAREN)) break;
      }
      if (parenthesised) {
        if (!this.at(T_RPAREN)) throw this.error("expected ')' to close the import list");
        this.advance();
      }
    }
    this.expectEnd();
    return this.build('from', level, module, moduleSpan, names, { start, end: this.lastEnd() }, context);
  }

  private build(
    kind: 'import' | 'from', level: number, module: string, moduleSpan: SourceSpan | undefined,
    names: ImportedName[], span: SourceSpan, context: ImportContext,
  ): ImportStatement {
    const scope: ImportScope = context.functionName === undefined ? 'module' : 'function';
    const list = names.map((n) => n.name).join(', ');
    const text = kind === 'from' ? `from ${'.'.repeat(level)}${module} import ${list}` : `import ${list}`;
    const statement: ImportStatement = { kind, level, module } as ImportStatement;
    if (moduleSpan) statement.moduleSpan = moduleSpan;
    statement.names = names;
    statement.span = span;
    statement.typeCheckingOnly = context.typeCheckingOnly;
    statement.scope = scope;
    if (context.functionName !== undefined) statement.functionName = context.functionName;
    statement.text = text;
    return statement;
  }

  /** `a`, `a.b`, `a . b` (spaces and continuations between parts are legal): returns `a.b`. */
  private parseDotted(message: string): string {
    let name = this.expectName(message).name;
    while (this.at(T_DOT)) {
      this.advance();
      name += '.' + this.expectName("expected a name after '.'").name;
    }
    return name;
  }

  private parseAlias(entry: ImportedName): void {
    if (!this.tokIsWord('as')) return;
    this.advance();
    entry.alias = this.expectName("expected a name after 'as'").name;
  }

  private expectName(message: string): ImportedName {
    if (!this.at(T_NAME)) throw this.error(message);
    const raw = this.text.slice(this.tokStart, this.tokEnd);
    if (HARD_KEYWORDS.has(raw)) throw this.error(`'${raw}' is a keyword, not a name`);
    const entry: ImportedName = { name: normalizeName(raw), span: { start: this.tokPos(), end: this.tokEndPos() } };
    this.advance();
    return entry;
  }

  private expectEnd(): void {
    if (this.at(T_END)) return;
    const shown = this.text.slice(this.tokStart, this.tokEnd);
    throw this.error(`unexpected '${shown}' in import statement`);
  }

  private error(message: string): ParseError {
    const position = this.at(T_END) ? this.lastEnd() : this.tokPos();
    return new ParseError(position, message, this.at(T_END));
  }

  /** A method, not a field test, so TypeScript does not keep a narrowing across `advance()`. */
  private at(kind: number): boolean {
    return this.tok === kind;
  }

  private tokIsWord(word: string): boolean {
    return this.at(T_NAME) && this.tokEnd - this.tokStart === word.length && this.text.startsWith(word, this.tokStart);
  }

  private tokPos(): SourcePosition {
    return { line: this.tokLine, column: this.tokStart - this.tokLineStart };
  }

  private lastEnd(): SourcePosition {
    return { line: this.lastEndLine, column: this.lastEndColumn };
  }

  private tokEndPos(): SourcePosition {
    return { line: this.tokLine, column: this.tokEnd - this.tokLineStart };
  }

  private advance(): void {
    this.lastEndLine = this.tokLine;
    this.lastEndColumn = this.tokEnd - this.tokLineStart;
    const text = this.text;
    const end = this.end;
    let i = this.pos;
    for (;;) {
      if (i >= end) break;
      const c = text.charCodeAt(i);
      if (c === Ch.Space || c === Ch.Tab || c === Ch.FF) {
        i++;
      } else if (c === Ch.LF || c === Ch.CR) {
        i += c === Ch.CR && text.charCodeAt(i + 1) === Ch.LF ? 2 : 1;
        this.line++;
        this.lineStart = i;
      } else if (c === Ch.Backslash && (text.charCodeAt(i + 1) === Ch.LF || text.charCodeAt(i + 1) === Ch.CR)) {
        i++;
      } else if (c === Ch.Hash) {
        while (i < end && text.charCodeAt(i) !== Ch.LF && text.charCodeAt(i) !== Ch.CR) i++;
      } else {
        break;
      }
    }
    this.tokLine = this.line;
    this.tokLineStart = this.lineStart;
    this.tokStart = i;
    if (i >= end) {
      this.tok = T_END;
      this.tokEnd = i;
      this.pos = i;
      return;
    }
    const c = text.charCodeAt(i);
    if (isIdentStart(c)) {
      let j = i + 1;
      while (j < end && isIdentChar(text.charCodeAt(j))) j++;
      this.tok = T_NAME;
      this.tokEnd = j;
    } else {
      this.tokEnd = i + 1;
      switch (c) {
        case Ch.Dot: this.tok = T_DOT; break;
        case Ch.Comma: this.tok = T_COMMA; break;
        case Ch.LParen: this.tok = T_LPAREN; break;
        case Ch.RParen: this.tok = T_RPAREN; break;
        case Ch.Star: this.tok = T_STAR; break;
        default: this.tok = T_OTHER;
      }
    }
    this.pos = this.tokEnd;
  }
}
