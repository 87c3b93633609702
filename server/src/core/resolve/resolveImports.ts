import type { ImportStatement } from '../extract/python/importStatement';
import { packageOf, resolveRelative, type ModuleIdentity } from './moduleNames';
import type { ModuleSet } from './moduleSet';
import type { ImportTarget, ResolvedImport } from './resolvedImport';

/**
 * Turns import statements into the modules they load: `import a.b` loads `a.b`;
 * `from M import x` loads `M`, and `M.x` too when the workspace has such a module.
 */
export function resolveImports(identity: ModuleIdentity, statements: readonly ImportStatement[], modules: ModuleSet): ResolvedImport[] {
  const fromPackage = packageOf(identity);
  return statements.map((statement) => resolveImport(statement, fromPackage, modules));
}

/**
 * The statements of a file that resolve to nothing, with why: what `resolveImports` says in their
 * `problem`, without resolving the others (only a relative import can climb above its top package).
 */
export function unresolvedImports(identity: ModuleIdentity, statements: readonly ImportStatement[]): { statement: ImportStatement; problem: string }[] {
  const fromPackage = packageOf(identity);
  return statements
    .filter((s) => s.kind === 'from' && s.level > 0 && resolveRelative(fromPackage, s.level, s.module) === undefined)
    .map((statement) => ({ statement, problem: climbsAbove(statement) }));
}

function climbsAbove(statement: ImportStatement): string {
  return `relative import climbs above the top package (${'.'.repeat(statement.level)}${statement.module})`;
}

function resolveImport(statement: ImportStatement, fromPackage: string, modules: ModuleSet): ResolvedImport {
  if (statement.kind === 'import') {
    return { statement, targets: statement.names.map((n) => ({ module: n.name, span: n.span })) };
  }
  const base = resolveRelative(fromPackage, statement.level, statement.module);
  if (base === undefined) return { statement, targets: [], problem: climbsAbove(statement) };
  const targets: ImportTarget[] = [];
  if (base !== '') targets.push({ module: base, span: statement.moduleSpan ?? statement.span });
  for (const name of statement.names) {
    if (name.name === '*') continue;
    const sub = base === '' ? name.name : `${base}.${name.name}`;
    if (modules.has(sub)) targets.push({ module: sub, span: name.span });
  }
  return base === '' ? { statement, targets } : { statement, targets, from: base };
}
