/**
 * Where a Python file uses some names: at run time, in annotations Python evaluates, or only in
 * places that never run (string annotations, local-variable annotations, `if TYPE_CHECKING:`
 * blocks). It decides whether an import may move under `if TYPE_CHECKING:` without changing what
 * the program does, so every doubt counts as a run-time use:
 * - annotations of functions with decorators other than well-known harmless ones (`@router.get`
 *   makes FastAPI read the signature's annotations at run time);
 * - class-level annotations of classes with bases or decorators other than `@dataclass`
 *   (pydantic, SQLModel, NamedTuple and TypedDict read them);
 * - names inside f-strings, `__all__` entries, anything the reader does not understand.
 *
 * It reads the tokens of every statement as the import scanner's lexer finds them
 * (`statementTokens`: the same strings, comments, brackets, continuations and indentation) and
 * takes the `TYPE_CHECKING` names from the same scan. (The scanner itself keeps only imports;
 * this reads every statement, and only for the one file a quick-fix is about.)
 */
import { statementTokens, T_FSTRING, T_NAME, T_OP, T_STRING, type Token } from './statementTokens';
import { TypeCheckingNames } from './typeCheckingGuard';

export interface NameUses {
  /** Uses that run: calls, bases, default values, `isinstance`, aliases, decorators… */
  runtime: number;
  /** Annotations Python evaluates unless the module has `from __future__ import annotations`. */
  evaluated: number;
  /** Uses that never run: string annotations, local-variable annotations, code under `if TYPE_CHECKING:`. */
  deferred: number;
}

export interface AnnotationUsage {
  /** The module has `from __future__ import annotations`: no annotation is evaluated at definition time. */
  futureAnnotations: boolean;
  uses: Map<string, NameUses>;
}

/** Whether imports binding `names` can move under `if TYPE_CHECKING:`: used, and only where nothing evaluates them. */
export function onlyTypeUses(usage: AnnotationUsage, names: string[]): boolean {
  let uses = 0;
  for (const name of names) {
    const u = usage.uses.get(name);
    if (!u) continue;
    if (u.runtime > 0) return false;
    if (u.evaluated > 0 && !usage.futureAnnotations) return false;
    uses += u.evaluated + u.deferred;
  }
  return uses > 0;
}

const COMPOUND = new Set(['if', 'elif', 'else', 'while', 'for', 'try', 'except', 'finally', 'with', 'match', 'case', 'async']);

const HARMLESS_FUNCTION_DECORATORS = new Set([
  'staticmethod', 'classmethod', 'property', 'cached_property', 'functools.cached_property', 'abstractmethod',
  'abc.abstractmethod', 'overload', 'typing.overload', 'override', 'typing.override', 'typing_extensions.override',
  'contextmanager', 'contextlib.contextmanager', 'asynccontextmanager', 'contextlib.asynccontextmanager',
  'cache', 'functools.cache', 'lru_cache', 'functools.lru_cache', 'wraps', 'functools.wraps', 'final', 'typing.final',
]);
const HARMLESS_CLASS_DECORATORS = new Set(['dataclass', 'dataclasses.dataclass', 'final', 'typing.final', 'total_ordering', 'functools.total_ordering']);
const HARMLESS_BASES = new Set(['object', 'Protocol', 'typing.Protocol', 'ABC', 'abc.ABC', 'Generic', 'typing.Generic', 'Exception']);

type Scope = { indent: number; kind: 'def' | 'class' | 'typeChecking'; reads?: boolean };

export function annotationUsage(text: string, names: Iterable<string>): AnnotationUsage {
  const { statements, scan } = statementTokens(text);
  const guards = TypeCheckingNames.of(scan.imports);
  const wanted = new Set(names);
  const uses = new Map<string, NameUses>();
  for (const name of wanted) uses.set(name, { runtime: 0, evaluated: 0, deferred: 0 });
  const usage: AnnotationUsage = { futureAnnotations: false, uses };
  const scopes: Scope[] = [];
  let decorators: string[] = [];

  const count = (name: string, where: keyof NameUses) => {
    const u = uses.get(name);
    if (u) u[where]++;
  };
  const inTypeChecking = () => scopes.some((s) => s.kind === 'typeChecking');
  /** How an annotation at this point of the file is treated. */
  const annotationKind = (evaluatedHere: keyof NameUses): keyof NameUses => (inTypeChecking() ? 'deferred' : evaluatedHere);
  const runtimeKind = (): keyof NameUses => (inTypeChecking() ? 'deferred' : 'runtime');

  /** Counts the names of tokens[from, to) as `where`; strings count as string annotations when `annotation`. */
  const countRange = (tokens: Token[], from: number, to: number, where: keyof NameUses, annotation: boolean) => {
    for (let k = from; k < to; k++) {
      const t = tokens[k];
      if (t.kind === T_NAME) {
        if (k > 0 && tokens[k - 1].kind === T_OP && tokens[k - 1].text === '.') continue;
        if (wanted.has(t.text)) count(t.text, where);
      } else if (t.kind === T_FSTRING) {
        for (const word of words(t.text)) if (wanted.has(word)) count(word, runtimeKind());
      } else if (t.kind === T_STRING && annotation) {
        for (const word of words(t.text)) if (wanted.has(word)) count(word, 'deferred');
      }
    }
  };

  for (const line of statements) {
    const tokens = line.tokens;
    while (scopes.length > 0 && scopes[scopes.length - 1].indent >= line.indent) scopes.pop();
    const first = tokens[0];
    if (first.kind === T_NAME && (first.text === 'import' || first.text === 'from')) {
      if (first.text === 'from' && tokens[1]?.text === '__future__' && tokens.some((t) => t.kind === T_NAME && t.text === 'annotations')) {
        usage.futureAnnotations = true;
      }
      decorators = [];
      continue;
    }
    if (first.kind === T_OP && first.text === '@') {
      decorators.push(dottedName(tokens, 1));
      countRange(tokens, 1, tokens.length, runtimeKind(), false);
      continue;
    }
    let at = 0;
    if (first.kind === T_NAME && first.text === 'async' && tokens[1]?.text === 'def') at = 1;
    const head = tokens[at];
    if (head.kind === T_NAME && head.text === 'def') {
      const reads = decorators.some((d) => !isHarmless(d, HARMLESS_FUNCTION_DECORATORS));
      classifySignature(tokens, at + 2, reads ? runtimeKind() : annotationKind('evaluated'), runtimeKind(), countRange);
      scopes.push({ indent: line.indent, kind: 'def' });
      decorators = [];
      continue;
    }
    if (head.kind === T_NAME && head.text === 'class') {
      let reads = decorators.some((d) => !isHarmless(d, HARMLESS_CLASS_DECORATORS));
      if (tokens[at + 2]?.text === '(') {
        const close = matchingClose(tokens, at + 2);
        for (const base of splitTopLevel(tokens, at + 3, close)) {
          const name = base.map((t) => t.text).join('');
          if (name !== '' && !HARMLESS_BASES.has(name.replace(/\[.*$/, ''))) reads = true;
        }
        countRange(tokens, at + 3, close, runtimeKind(), false);
        countRange(tokens, close + 1, tokens.length, runtimeKind(), false);
      } else {
        countRange(tokens, at + 2, tokens.length, runtimeKind(), false);
      }
      scopes.push({ indent: line.indent, kind: 'class', reads });
      decorators = [];
      continue;
    }
    decorators = [];
    if (head.kind === T_NAME && head.text === 'if' && isTypeCheckingCondition(tokens, guards)) {
      scopes.push({ indent: line.indent, kind: 'typeChecking' });
      continue;
    }
    if (head.kind === T_NAME && COMPOUND.has(head.text)) {
      countRange(tokens, 0, tokens.length, runtimeKind(), false);
      continue;
    }
    // A simple statement: `target: annotation = value` when a `:` at depth 0 comes before any `=`.
    const colon = annotationColon(tokens);
    if (colon < 0) {
      if (first.kind === T_NAME && first.text === '__all__') {
        for (const t of tokens) if (t.kind === T_STRING && wanted.has(t.text.trim())) count(t.text.trim(), runtimeKind());
      }
      countRange(tokens, 0, tokens.length, runtimeKind(), false);
      continue;
    }
    const assign = topLevelIndex(tokens, colon + 1, (t) => t.kind === T_OP && t.text === '=');
    const end = assign < 0 ? tokens.length : assign;
    const scope = innermostScope(scopes);
    const where: keyof NameUses =
      scope?.kind === 'def' ? 'deferred' : scope?.kind === 'class' && scope.reads ? runtimeKind() : annotationKind('evaluated');
    countRange(tokens, 0, colon, runtimeKind(), false);
    countRange(tokens, colon + 1, end, where, true);
    countRange(tokens, end, tokens.length, runtimeKind(), false);
  }
  return usage;
}

/** Parameters, defaults and the return annotation of `def name(…) -> R:` starting at the `(`. */
function classifySignature(
  tokens: Token[],
  open: number,
  annotation: keyof NameUses,
  runtime: keyof NameUses,
  countRange: (tokens: Token[], from: number, to: number, where: keyof NameUses, annotation: boolean) => void,
): void {
  if (tokens[open]?.text !== '(') {
    countRange(tokens, open, tokens.length, runtime, false);
    return;
  }
  const close = matchingClose(tokens, open);
  let state: 'name' | 'annotation' | 'default' | 'lambda' = 'name';
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const t = tokens[k];
    if (t.kind === T_OP && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    else if (t.kind === T_OP && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    if (depth === 0 && t.kind === T_OP) {
      if (t.text === ',' && state !== 'lambda') {
        state = 'name';
        continue;
      }
      if (t.text === ':' && state === 'name') {
        state = 'annotation';
        continue;
      }
      if (t.text === ':' && state === 'lambda') {
        state = 'default';
        continue;
      }
      if (t.text === '=' && (state === 'name' || state === 'annotation')) {
        state = 'default';
        continue;
      }
    }
    if (state === 'default' && t.kind === T_NAME && t.text === 'lambda') state = 'lambda';
    if (state === 'name') continue;
    countRange(tokens, k, k + 1, state === 'annotation' ? annotation : runtime, state === 'annotation');
  }
  let k = close + 1;
  let headerEnd = tokens.length;
  if (tokens[k]?.text === '->') {
    const colon = topLevelIndex(tokens, k + 1, (t) => t.kind === T_OP && t.text === ':');
    headerEnd = colon < 0 ? tokens.length : colon;
    countRange(tokens, k + 1, headerEnd, annotation, true);
    k = headerEnd;
  }
  countRange(tokens, k, tokens.length, runtime, false);
}

function innermostScope(scopes: Scope[]): Scope | undefined {
  for (let k = scopes.length - 1; k >= 0; k--) if (scopes[k].kind !== 'typeChecking') return scopes[k];
  return undefined;
}

function isHarmless(decorator: string, harmless: Set<string>): boolean {
  return harmless.has(decorator) || /\.(setter|getter|deleter)$/.test(decorator);
}

/** `if <condition>:` whose condition is the flag, as the scanner tells it (aliases included). */
function isTypeCheckingCondition(tokens: Token[], guards: TypeCheckingNames): boolean {
  const colon = tokens.findIndex((t) => t.kind === T_OP && t.text === ':');
  const condition = tokens.slice(1, colon);
  if (colon < 0 || condition.some((t) => t.kind !== T_NAME && t.kind !== T_OP)) return false;
  return guards.isTypeChecking(condition.map((t) => t.text).join(' '));
}

/** Index of the `:` of an annotated assignment, or -1 (a `:` at depth 0 before any `=`, not a compound header's). */
function annotationColon(tokens: Token[]): number {
  let depth = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === T_NAME && t.text === 'lambda' && depth === 0) return -1;
    if (t.kind !== T_OP) continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
    else if (depth === 0 && t.text === '=') return -1;
    else if (depth === 0 && t.text === ':') return k === 0 || k === tokens.length - 1 ? -1 : k;
  }
  return -1;
}

function topLevelIndex(tokens: Token[], from: number, test: (t: Token) => boolean): number {
  let depth = 0;
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === T_OP && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    else if (t.kind === T_OP && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    else if (depth === 0 && test(t)) return k;
  }
  return -1;
}

function matchingClose(tokens: Token[], open: number): number {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== T_OP) continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') depth++;
    else if (t.text === ')' || t.text === ']' || t.text === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return tokens.length;
}

function splitTopLevel(tokens: Token[], from: number, to: number): Token[][] {
  const parts: Token[][] = [[]];
  let depth = 0;
  for (let k = from; k < to; k++) {
    const t = tokens[k];
    if (t.kind === T_OP && (t.text === '(' || t.text === '[' || t.text === '{')) depth++;
    else if (t.kind === T_OP && (t.text === ')' || t.text === ']' || t.text === '}')) depth--;
    if (depth === 0 && t.kind === T_OP && t.text === ',') parts.push([]);
    else parts[parts.length - 1].push(t);
  }
  return parts.filter((p) => p.length > 0);
}

/** `@a.b.c(…)` → `a.b.c`. */
function dottedName(tokens: Token[], from: number): string {
  let name = '';
  for (let k = from; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === T_NAME || (t.kind === T_OP && t.text === '.')) name += t.text;
    else break;
  }
  return name;
}

/** Identifiers in a string's text, except attribute names (`x.Name`). */
function words(text: string): string[] {
  const found: string[] = [];
  // Non-ASCII characters are identifier characters, as the scanner takes them (`isIdentChar`).
  const re = /[A-Za-z_\u0080-\uffff][A-Za-z0-9_\u0080-\uffff]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m.index > 0 && text.charCodeAt(m.index - 1) === 46 /* . */) continue;
    found.push(m[0]);
  }
  return found;
}
