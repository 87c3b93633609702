import { createHash } from 'node:crypto';

/** What identifies a violation across edits: never its line, so code moving around keeps it matched. */
export interface ViolationIdentity {
  /** Path relative to the project root (the baseline's folder), with `/`. */
  file: string;
  rule: string;
  target: string;
  statement: string;
}

/**
 * The statement text with runs of whitespace made one space: reflowing a multi-line import
 * (or changing its indentation) keeps its key.
 */
export function normalizeStatement(statement: string): string {
  return statement.replace(/\s+/g, ' ').trim();
}

/** One string per identity; equal identities give equal keys. */
export function violationKey(identity: ViolationIdentity): string {
  return JSON.stringify([identity.file, identity.rule, identity.target, normalizeStatement(identity.statement)]);
}

/**
 * A fingerprint for SARIF's `partialFingerprints`: the key's hash and the occurrence number among
 * violations with the same key in the file (1 for the first), so two identical imports stay apart
 * and neither depends on a line number.
 */
export function violationFingerprint(key: string, occurrence: number): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}:${occurrence}`;
}
