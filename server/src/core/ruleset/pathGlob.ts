/**
 * Path globs of a ruleset (`layers.<id>.paths`, `rules.<id>.ignore-files`): `/`-separated, matched
 * against a file's path relative to its source root (`app/hoc/cus/billing/L5_engines/x.py`).
 *
 * - `*` matches any characters within one segment (none included);
 * - `**` as a whole segment matches any number of segments: `**​/x` and `a/**​/x` zero or more,
 *   a trailing `a/**` one or more (everything inside `a`, not `a` itself, as in `.gitignore`);
 * - `{domain}` and `{audience}` match one or more characters within a segment and capture them
 *   (`facades/{audience}/{domain}.py` captures the file's stem); each at most once per glob;
 * - everything else is literal.
 *
 * A glob that breaks these rules is an error value, never an exception: config files are input.
 */

/** What a glob captured from a path. */
export interface GlobCaptures {
  domain?: string;
  audience?: string;
}

export interface PathGlob {
  /** The glob as written. */
  readonly source: string;
  /** The captures of a matching path, `undefined` when it does not match. */
  match(path: string): GlobCaptures | undefined;
}

export interface GlobError {
  /** The glob as written. */
  source: string;
  /** What is wrong, in words a config author understands. */
  error: string;
}

export type GlobResult = { ok: true; glob: PathGlob } | ({ ok: false } & GlobError);

const CAPTURES = ['domain', 'audience'] as const;
type CaptureName = (typeof CAPTURES)[number];

/** Compiles a path glob, or says why it cannot be one. */
export function compilePathGlob(source: string): GlobResult {
  const fail = (error: string): GlobResult => ({ ok: false, source, error: `invalid glob '${source}': ${error}` });
  if (typeof source !== 'string' || source === '') return fail('it is empty');
  if (source.startsWith('/')) return fail('it must be relative to the source root (no leading "/")');
  if (source.includes('\\')) return fail('use "/" to separate folders');
  const segments = source.split('/');
  const used = new Set<CaptureName>();
  let regex = '^';
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i];
    const first = i === 0;
    const last = i === segments.length - 1;
    if (segment === '') return fail('it has an empty folder name ("//" or a trailing "/")');
    if (segment === '**') {
      if (segments[i - 1] === '**') return fail('"**/**" says nothing more than "**"');
      if (segments.length === 1) regex += '[^/]+(?:/[^/]+)*';
      else if (first) regex += '(?:[^/]+/)*';
      else if (last) regex += '/[^/]+(?:/[^/]+)*';
      else regex += '/(?:[^/]+/)*';
      continue;
    }
    // After a leading or middle `**` its pattern already ends with the `/`.
    if (!first && segments[i - 1] !== '**') regex += '/';
    const compiled = compileSegment(segment, used);
    if ('error' in compiled) return fail(compiled.error);
    regex += compiled.regex;
  }
  const pattern = new RegExp(regex + '$');
  const names = [...used];
  // Most paths fail on a literal folder name (`L5_engines`): a substring test rejects them before the regular expression runs.
  const literal = segments.filter((s) => !/[*{]/.test(s)).reduce((a, b) => (b.length > a.length ? b : a), '');
  return {
    ok: true,
    glob: {
      source,
      match(path: string): GlobCaptures | undefined {
        if (!path.includes(literal)) return undefined;
        const m = pattern.exec(path);
        if (!m) return undefined;
        const captures: GlobCaptures = {};
        for (const name of names) captures[name] = m.groups?.[name] ?? '';
        return captures;
      },
    },
  };
}

function compileSegment(segment: string, used: Set<CaptureName>): { regex: string } | { error: string } {
  let regex = '';
  let previousWild = false;
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') {
      if (segment[i + 1] === '*') return { error: `"**" must be a whole folder name (in "${segment}")` };
      if (previousWild) return { error: `two wildcards side by side cannot be told apart (in "${segment}")` };
      regex += '[^/]*';
      previousWild = true;
      continue;
    }
    if (c === '{') {
      const close = segment.indexOf('}', i);
      if (close < 0) return { error: `"{" without "}" (in "${segment}")` };
      const name = segment.slice(i + 1, close);
      if (!(CAPTURES as readonly string[]).includes(name)) {
        return { error: `unknown capture "{${name}}": only {domain} and {audience} capture` };
      }
      const capture = name as CaptureName;
      if (used.has(capture)) return { error: `{${capture}} is used twice` };
      if (previousWild) return { error: `two wildcards side by side cannot be told apart (in "${segment}")` };
      used.add(capture);
      regex += `(?<${capture}>[^/]+)`;
      previousWild = true;
      i = close;
      continue;
    }
    if (c === '}') return { error: `"}" without "{" (in "${segment}")` };
    regex += c.replace(/[.+?^$()|[\]\\]/g, '\\$&');
    previousWild = false;
  }
  return { regex };
}
