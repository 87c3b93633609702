/**
 * Every module and package the workspace defines, including namespace packages (folders without
 * `__init__.py`): `from M import a` targets `M.a` only when this set has it.
 */
export class ModuleSet {
  private readonly counts = new Map<string, number>();

  /**
   * Adds a module and all its parent packages; counted, so removing one file keeps shared parents.
   * Returns the names that did not exist before (the module, and any package it creates).
   */
  add(module: string): string[] {
    const appeared: string[] = [];
    for (const name of withParents(module)) {
      const count = this.counts.get(name) ?? 0;
      if (count === 0) appeared.push(name);
      this.counts.set(name, count + 1);
    }
    return appeared;
  }

  /** Returns the names that no longer exist (the module, and packages left without modules). */
  remove(module: string): string[] {
    const vanished: string[] = [];
    for (const name of withParents(module)) {
      const left = (this.counts.get(name) ?? 0) - 1;
      if (left > 0) this.counts.set(name, left);
      else if (this.counts.delete(name)) vanished.push(name);
    }
    return vanished;
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
