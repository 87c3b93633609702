/**
 * Every module and package the workspace defines, including namespace packages (folders without
 * `__init__.py`): `from M import a` targets `M.a` only when this set has it.
 */
export class ModuleSet {
  private readonly counts = new Map<string, number>();

  /** Adds a module and all its parent packages; counted, so removing one file keeps shared parents. */
  add(module: string): void {
    for (const name of withParents(module)) this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  remove(module: string): void {
    for (const name of withParents(module)) {
      const left = (this.counts.get(name) ?? 0) - 1;
      if (left > 0) this.counts.set(name, left);
      else this.counts.delete(name);
    }
  }

  has(module: string): boolean {
    return this.counts.has(module);
  }

  /** Whether the first segment is a workspace package: otherwise the module is an external package. */
  ownsTopLevel(module: string): boolean {
    const dot = module.indexOf('.');
    return this.counts.has(dot < 0 ? module : module.slice(0, dot));
  }
}

function withParents(module: string): string[] {
  const names: string[] = [];
  let at = module.indexOf('.');
  while (at >= 0) {
    names.push(module.slice(0, at));
    at = module.indexOf('.', at + 1);
  }
  names.push(module);
  return names;
}
