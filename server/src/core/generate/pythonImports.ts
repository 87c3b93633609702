import type { ImportStatement } from '../extract/python/importStatement';

/**
 * An import statement written back as Python, aliases kept, the module made absolute so the
 * statement still works from another package: `from ..x import A as B` in `app.p.q` →
 * `from app.p.x import A as B`. `absoluteModule` is the resolved from-module.
 */
export function renderImport(statement: ImportStatement, absoluteModule: string | undefined): string {
  const names = statement.names.map((n) => (n.alias !== undefined ? `${n.name} as ${n.alias}` : n.name)).join(', ');
  if (statement.kind === 'import') return `import ${names}`;
  const module = absoluteModule ?? `${'.'.repeat(statement.level)}${statement.module}`;
  return `from ${module} import ${names}`;
}

/** The names an import binds in the importing module: `import a.b` binds `a`; `from m import x as y` binds `y`. */
export function boundNames(statement: ImportStatement): string[] {
  if (statement.kind === 'import') {
    return statement.names.map((n) => n.alias ?? n.name.split('.')[0]);
  }
  return statement.names.filter((n) => n.name !== '*').map((n) => n.alias ?? n.name);
}

/** A Python list of string literals: `["A", "B"]`. */
export function pythonStringList(names: string[]): string {
  return `[${names.map((n) => JSON.stringify(n)).join(', ')}]`;
}
