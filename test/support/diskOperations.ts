import * as fs from 'node:fs';
import * as path from 'node:path';
import { FileChange } from './lspClient';
import { runCliInProcess } from './runCliInProcess';

/**
 * File operations on a workspace, as data (so that a failing sequence can be printed and
 * replayed), with the watched-file events an editor's watcher would send for each: `**∕*.py`,
 * the config files and the baseline for every change, `**∕*` for creations and deletions only, a
 * folder created, deleted or renamed reported as the folder alone. Paths are relative to the
 * workspace, with `/`; `paste` copies a folder from outside (an absolute path) into the workspace;
 * `write-baseline` is `strata check <workspace> --write-baseline`.
 */
export type DiskOperation =
  | { op: 'write'; file: string; text: string }
  | { op: 'delete'; path: string }
  | { op: 'rename'; from: string; to: string }
  | { op: 'copy'; from: string; to: string }
  | { op: 'paste'; from: string; to: string }
  | { op: 'write-baseline' };

/** Files the server watches for every change, as Python files: the config files and the baseline. */
const WATCHED_NAMES = ['strata.toml', 'pyproject.toml', 'strata-baseline.json'];

export interface FileEvent {
  file: string;
  type: number;
}

/** Applies an operation to the disk and returns the events; one that no longer applies (its source gone) does nothing. */
export function applyOperation(root: string, operation: DiskOperation): FileEvent[] {
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  const events: FileEvent[] = [];
  switch (operation.op) {
    case 'write': {
      const file = abs(operation.file);
      if (isDirectory(file)) return [];
      const existed = fs.existsSync(file);
      events.push(...makeParents(root, file));
      fs.writeFileSync(file, operation.text);
      if (!existed) events.push({ file, type: FileChange.Created });
      else if (file.endsWith('.py') || WATCHED_NAMES.includes(path.basename(file))) events.push({ file, type: FileChange.Changed });
      return events;
    }
    case 'write-baseline': {
      const file = path.join(root, 'strata-baseline.json');
      const existed = fs.existsSync(file);
      // It writes nothing when the run fails (a broken config, no layered code).
      runCliInProcess(['check', root, '--write-baseline']);
      if (!fs.existsSync(file)) return [];
      return [{ file, type: existed ? FileChange.Changed : FileChange.Created }];
    }
    case 'delete': {
      const target = abs(operation.path);
      if (!fs.existsSync(target)) return [];
      fs.rmSync(target, { recursive: true, force: true });
      return [{ file: target, type: FileChange.Deleted }];
    }
    case 'rename':
    case 'copy':
    case 'paste': {
      const from = operation.op === 'paste' ? operation.from : abs(operation.from);
      const to = abs(operation.to);
      if (!fs.existsSync(from) || fs.existsSync(to) || isInsideOrSame(from, to) || isFile(path.dirname(to))) return [];
      events.push(...makeParents(root, to));
      if (operation.op === 'rename') {
        fs.renameSync(from, to);
        events.push({ file: from, type: FileChange.Deleted });
      } else {
        fs.cpSync(from, to, { recursive: true });
      }
      events.push({ file: to, type: FileChange.Created });
      return events;
    }
  }
}

/** Creates the missing folders above a path; a watcher reports each as created. */
function makeParents(root: string, target: string): FileEvent[] {
  const missing: string[] = [];
  for (let dir = path.dirname(target); dir !== root && !fs.existsSync(dir); dir = path.dirname(dir)) missing.unshift(dir);
  if (missing.length > 0) fs.mkdirSync(missing[missing.length - 1], { recursive: true });
  return missing.map((file) => ({ file, type: FileChange.Created }));
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isInsideOrSame(dir: string, p: string): boolean {
  const rel = path.relative(dir, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** A small, fast, seeded generator (mulberry32): the same seed gives the same sequence. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Import lines that break a rule in some layer, that break none, that resolve only when a module exists. */
const LINES = [
  'from sqlmodel import Session',
  'import sqlalchemy',
  'from app.models.cus_models import CusIntegration',
  'from app.db import get_session',
  'from app.hoc.cus.integrations.L5_engines import dispatcher',
  'from app.hoc.cus.integrations.L6_drivers import cus_integration_driver',
  'from app.hoc.cus.integrations import L5_engines',
  'from app.hoc.cus.billing import L5_engines',
  'from app.hoc.cus.activity.L5_engines.cus_telemetry_service import TelemetryService',
  'from . import helper',
  'from .engine import run',
  'import json',
  'def later():\n    from sqlmodel import select\n    return select',
  'if TYPE_CHECKING:\n    from sqlmodel import Session',
  'from sqlmodel import Session  # strata: ignore[L5-sqlmodel]',
  'def broken(:',
];

const FILE_NAMES = ['a.py', 'b.py', 'engine.py', 'helper.py', 'x_driver.py', 'x_engine.py', '__init__.py', 'notes.md'];
const FOLDER_NAMES = ['L2_api', 'L3_adapters', 'L5_engines', 'L6_drivers', 'billing', 'cus', 'api', 'hoc', 'app', 'pkg', 'docs', '.vscode', 'env', 'node_modules'];

/** A top folder the operations never touch: the model-based test keeps a witness file in it. */
export const UNTOUCHED_FOLDER = 'witness';

/** Folders and files of the workspace (relative, `/`), sorted, so that choices depend only on the seed and the disk. */
function listTree(root: string): { folders: string[]; files: string[] } {
  const folders: string[] = [];
  const files: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (r === UNTOUCHED_FOLDER) continue;
      if (entry.isDirectory()) {
        folders.push(r);
        walk(path.join(dir, entry.name), r);
      } else files.push(r);
    }
  };
  walk(root, '');
  return { folders, files };
}

function randomText(random: Random): string {
  const lines: string[] = [];
  if (random.chance(0.3)) lines.push('from __future__ import annotations', 'from typing import TYPE_CHECKING');
  const n = 1 + random.int(3);
  for (let k = 0; k < n; k++) lines.push(random.pick(LINES));
  return lines.join('\n') + '\n';
}

/** The rules of each preset a config may switch off (never `L5-sqlmodel`: the witness's violation) or give another severity. */
const PRESET_RULES: Record<string, { off: string[]; severity: string[] }> = {
  'hoc-v1': { off: ['L2-L5', 'L2-L6', 'L2-L7', 'L3-DB', 'L3-L7', 'L5-sqlalchemy', 'L5-L7', 'L5-DB'], severity: ['L2-L5', 'L3-DB', 'L5-sqlmodel', 'L5-L7', 'L5-DB'] },
  'hoc-v2': { off: ['L2-L5', 'L2-L6', 'L5-sqlalchemy', 'L5-L7', 'L5-DB', 'DOMAIN-002', 'L6-L5', 'UP-001'], severity: ['L2-L5', 'L5-sqlmodel', 'L5-L7', 'L5-DB', 'DOMAIN-002'] },
};
/** `exclude` entries (a name anywhere, or a path from the project root); none reaches the witness. */
const EXCLUDES = ['billing', 'docs', 'L3_adapters', 'backend/app/hoc/api', 'server/app', 'backend/app/hoc/cus/integrations/L5_engines', 'a.py', '*_driver.py', 'services'];
/** `source-roots` entries: the fixture's root, its renamed and pasted places, a root inside a folder. */
const SOURCE_ROOTS = ['backend', 'server', 'services/billing', 'docs'];
/** A config's mistakes: TOML syntax, an unknown key, a wrong value, an unknown preset, a rule naming no layer there is. */
const BREAKAGES = [
  'extends = "hoc-v1',
  'exted = "hoc-v1"',
  '[rules.L5-DB]\nseverity = "fatal"',
  'exclude = 3',
  '[rules.mine]\nfrom = ["L5_engine"]\nforbid = [{ modules = ["json"] }]',
];

/** A valid config that extends a preset: rules off, severities changed, a rule of its own, `exclude`, `source-roots`. */
function configBody(random: Random): { top: string[]; tables: string[] } {
  const preset = random.pick(Object.keys(PRESET_RULES));
  const top = [`extends = "${preset}"`];
  if (random.chance(0.4)) top.push(`exclude = [${[...new Set([random.pick(EXCLUDES), random.pick(EXCLUDES)])].map((e) => `"${e}"`).join(', ')}]`);
  // Source roots named instead of searched for (one may be missing: a warning); the witness's always.
  if (random.chance(0.25)) top.push(`source-roots = [${[...new Set([random.pick(SOURCE_ROOTS), random.pick(SOURCE_ROOTS)]), UNTOUCHED_FOLDER].map((r) => `"${r}"`).join(', ')}]`);
  const tables: string[] = [];
  const used = new Set<string>();
  for (let k = random.int(3); k > 0; k--) {
    const off = random.chance(0.5);
    const id = random.pick(off ? PRESET_RULES[preset].off : PRESET_RULES[preset].severity);
    if (used.has(id)) continue;
    used.add(id);
    tables.push(`[rules.${id}]\n${off ? 'enabled = false' : `severity = "${random.pick(['warning', 'info', 'error'])}"`}`);
  }
  if (random.chance(0.3)) tables.push('[rules.no-json]\nfrom = ["L5_engines", "L6_drivers"]\nforbid = [{ modules = ["json"] }]');
  return { top, tables };
}

/** The config as `strata.toml` or as the `[tool.strata]` table of a `pyproject.toml`; `broken` adds one mistake. */
function configText(random: Random, form: 'strata.toml' | 'pyproject.toml', broken: boolean): string {
  const { top, tables } = configBody(random);
  if (broken) (random.chance(0.5) ? top : tables).push(random.pick(BREAKAGES));
  if (form === 'strata.toml') return [...top, ...tables].join('\n') + '\n';
  // In pyproject.toml a key after a table header belongs to that table: the mistake goes where its prefix says.
  const prefixed = (table: string) => table.replace(/^\[/gm, '[tool.strata.');
  return ['[project]', 'name = "shop"', '', '[tool.strata]', ...top.map(prefixed), ...tables.map(prefixed)].join('\n') + '\n';
}

/**
 * The config and the baseline: a valid `strata.toml` or `[tool.strata]` written or rewritten, a
 * broken one, a `pyproject.toml` that is not Strata's, one of them deleted, a config in a folder
 * below (which governs nothing: the workspace's is looked up from its folder upwards), the baseline
 * written by `strata check --write-baseline` (the code changes after it) or broken.
 */
function configOperation(root: string, random: Random, folders: string[]): DiskOperation {
  const roll = random.int(12);
  const form = random.pick(['strata.toml', 'pyproject.toml'] as const);
  if (roll < 4) return { op: 'write', file: form, text: configText(random, form, false) };
  if (roll < 6) return { op: 'write', file: form, text: configText(random, form, true) };
  if (roll === 6) return { op: 'write', file: 'pyproject.toml', text: random.chance(0.5) ? '[project]\nname = "shop"\n' : '[project\nname = "shop"\n' };
  if (roll === 7) {
    const present = ['strata.toml', 'pyproject.toml', 'strata-baseline.json'].filter((f) => fs.existsSync(path.join(root, f)));
    if (present.length > 0) return { op: 'delete', path: random.pick(present) };
  }
  if (roll === 8 && folders.length > 0) return { op: 'write', file: `${random.pick(folders)}/${form}`, text: configText(random, form, random.chance(0.5)) };
  if (roll === 9) return { op: 'write', file: 'strata-baseline.json', text: random.pick(['{"version": 1, "violations": [{"file": 3}]}', 'not json\n']) };
  return { op: 'write-baseline' };
}

/**
 * The next operation for the workspace as it is on disk: writes, edits, deletions, renames and
 * copies of files and folders, whole source roots included (`backend/` renamed, a second root
 * pasted in), a virtualenv marker appearing, Python in skipped or documentation folders, and
 * (`configShare` of the operations, 15 % by default) the config and the baseline.
 */
export function nextOperation(root: string, random: Random, fixtureBackend: string, configShare = 0.15): DiskOperation {
  const { folders, files } = listTree(root);
  const python = files.filter((f) => f.endsWith('.py'));
  const anyFolder = () => (folders.length > 0 && random.chance(0.95) ? random.pick(folders) : '');
  const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);
  if (random.chance(configShare)) return configOperation(root, random, folders);
  const roll = random.int(100);
  if (roll < 25 || python.length === 0) {
    let dir = anyFolder();
    if (random.chance(0.3)) dir = join(dir, random.pick(FOLDER_NAMES));
    return { op: 'write', file: join(dir, random.pick(FILE_NAMES)), text: randomText(random) };
  }
  if (roll < 45) return { op: 'write', file: random.pick(python), text: randomText(random) };
  if (roll < 55) return { op: 'delete', path: random.pick(files) };
  if (roll < 65) return { op: 'rename', from: random.pick(python), to: join(anyFolder(), random.pick(FILE_NAMES)) };
  if (roll < 70 && folders.length > 0) return { op: 'delete', path: random.pick(folders) };
  if (roll < 78 && folders.length > 0) {
    const from = random.pick(folders);
    const parent = random.chance(0.7) ? path.posix.dirname(from).replace(/^\.$/, '') : anyFolder();
    return { op: 'rename', from, to: join(parent, random.pick(FOLDER_NAMES) + (random.chance(0.5) ? '' : '_2')) };
  }
  if (roll < 83 && folders.length > 0) {
    // A paste of a folder small enough that the tree stays small.
    const small = folders.filter((f) => files.filter((x) => x.startsWith(f + '/')).length <= 30);
    if (small.length > 0) {
      const from = random.pick(small);
      return { op: 'copy', from, to: join(anyFolder(), random.pick(FOLDER_NAMES) + '_copy') };
    }
  }
  // Whole source roots, virtualenvs, skipped and documentation folders, the HOC V2 spine package (which switches the preset).
  const special = random.int(7);
  if (special === 0) return fs.existsSync(path.join(root, 'backend')) ? { op: 'rename', from: 'backend', to: 'server' } : { op: 'rename', from: 'server', to: 'backend' };
  if (special === 1) return { op: 'write', file: 'services/billing/app/hoc/cus/billing/L5_engines/ledger.py', text: randomText(random) };
  if (special === 2) {
    const venv = join(anyFolder(), 'pyvenv.cfg');
    return files.includes(venv) ? { op: 'delete', path: venv } : { op: 'write', file: venv, text: 'home = /usr/bin\n' };
  }
  if (special === 3) return { op: 'write', file: join(anyFolder(), `.vscode/${random.pick(FILE_NAMES)}`), text: randomText(random) };
  if (special === 4) return { op: 'write', file: 'docs/hoc/README.md', text: '# HOC\n' };
  const roots = ['backend', 'server'].filter((f) => folders.includes(f));
  if (special === 6 && roots.length > 0) {
    const spine = `${random.pick(roots)}/app/hoc/cus/hoc_spine`;
    return folders.includes(spine) ? { op: 'delete', path: spine } : { op: 'write', file: `${spine}/${random.pick(FILE_NAMES)}`, text: randomText(random) };
  }
  if (roots.length === 0) return { op: 'paste', from: fixtureBackend, to: random.pick(['backend', 'server']) };
  return { op: 'delete', path: random.pick([...roots, 'backend/app/hoc', 'server/app', 'services']) };
}
