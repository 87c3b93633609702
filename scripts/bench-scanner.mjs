// Throughput of the Python import scanner (compile first: `npx tsc -p tsconfig.test.json`).
//
//   node scripts/bench-scanner.mjs            ~20 MB of generated, realistic Python
//   node scripts/bench-scanner.mjs DIR...     every .py file under DIR (e.g. a real code base)
//
// Prints MB/s as the median of 5 runs over the whole corpus after a first, cold pass; the cold
// pass (what a one-shot CLI run gets) as the median over 5 fresh processes, since a single one
// varies a lot with how soon V8 gets to compile the scanner; and the memory the scans of the
// whole corpus keep, per import (a CLI run keeps every file's scan). CPU times include V8's
// compiler threads. The generator is deterministic (seeded PRNG) so numbers are comparable
// between runs and machines.
import { createRequire } from 'node:module';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { scanPythonImports } = require('../out/server/src/core/extract/python/scanImports.js');

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = mulberry32(20240611);
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const WORDS = ['user', 'order', 'item', 'price', 'total', 'session', 'config', 'value', 'result', 'record',
  'request', 'response', 'handler', 'payload', 'account', 'invoice', 'count', 'index', 'name', 'data'];
const MODULES = ['os', 'sys', 'json', 'logging', 'typing', 'dataclasses', 'collections', 'itertools',
  'app.domain.models', 'app.services.billing', 'app.infra.db', 'sqlalchemy.orm', 'pydantic', 'fastapi'];
const ident = () => pick(WORDS) + (rand() < 0.5 ? '_' + pick(WORDS) : '');
const cls = () => pick(WORDS)[0].toUpperCase() + pick(WORDS).slice(1) + pick(['Service', 'Repository', 'Model', 'Handler']);

function expression(depth = 0) {
  switch (int(0, depth > 1 ? 3 : 7)) {
    case 0: return ident();
    case 1: return String(int(0, 1000));
    case 2: return `'${ident()}'`;
    case 3: return `self.${ident()}`;
    case 4: return `${ident()}(${expression(depth + 1)}, ${ident()}=${expression(depth + 1)})`;
    case 5: return `f"{${ident()}} has {${ident()}.${ident()}!r} items: {${ident()}:>10}"`;
    case 6: return `{'${ident()}': ${expression(depth + 1)}, '${ident()}': [${expression(depth + 1)}, ${expression(depth + 1)}]}`;
    default: return `[${ident()} for ${ident()} in ${ident()} if ${ident()} is not None]`;
  }
}

function statement(indent) {
  const pad = ' '.repeat(indent);
  switch (int(0, 11)) {
    case 0: return `${pad}${ident()} = ${expression()}\n`;
    case 1: return `${pad}# ${WORDS.slice(0, int(3, 12)).join(' ')}\n`;
    case 2: return `${pad}if ${ident()} is None:\n${pad}    raise ValueError(f"missing {${ident()}!r}")\n`;
    case 3: return `${pad}for ${ident()} in ${ident()}.${ident()}():\n${pad}    ${ident()}.append(${expression()})\n`;
    case 4: return `${pad}return ${expression()}\n`;
    case 5: return `${pad}logger.info("%s processed %d ${ident()}", ${ident()}, len(${ident()}))\n`;
    case 6: return `${pad}${ident()} = ${ident()}(\n${pad}    ${ident()}=${expression()},\n${pad}    ${ident()}=${expression()},  # keep\n${pad})\n`;
    case 7: return `${pad}with open(${ident()}, "r", encoding="utf-8") as fh:\n${pad}    ${ident()} = json.load(fh)\n`;
    case 8: return `${pad}try:\n${pad}    ${ident()} = ${expression()}\n${pad}except (KeyError, ValueError) as exc:\n${pad}    logger.warning("failed: %s", exc)\n`;
    case 9: return `${pad}${ident()}: dict[str, list[int]] = {}\n`;
    case 10: return rand() < 0.2 ? `${pad}from ${pick(MODULES)} import ${ident()}\n` : `${pad}${ident()}.${ident()}()\n`;
    default: return `${pad}${ident()} += ${ident()} * ${int(1, 9)}  # adjust\n`;
  }
}

function method(indent) {
  const pad = ' '.repeat(indent);
  let s = rand() < 0.3 ? `${pad}@property\n` : '';
  s += `${pad}def ${ident()}(self, ${ident()}: int, ${ident()}: str | None = None) -> list[str]:\n`;
  s += `${pad}    """${WORDS.slice(0, int(4, 10)).join(' ')}.\n\n${pad}    Args:\n${pad}        ${ident()}: the ${ident()}.\n${pad}    """\n`;
  for (let k = int(3, 12); k > 0; k--) s += statement(indent + 4);
  return s + '\n';
}

function pythonFile() {
  let s = `"""${WORDS.slice(0, int(3, 8)).join(' ')}.\n\nModule documentation.\n"""\nfrom __future__ import annotations\n\n`;
  for (let k = int(4, 14); k > 0; k--) {
    s += rand() < 0.5 ? `import ${pick(MODULES)}\n` : `from ${pick(MODULES)} import ${ident()}, ${ident()} as ${ident()}\n`;
  }
  s += `from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from ${pick(MODULES)} import ${cls()}\n\nlogger = logging.getLogger(__name__)\n\n\n`;
  for (let c = int(1, 4); c > 0; c--) {
    s += `class ${cls()}(${cls()}):\n    """${WORDS.slice(0, int(3, 9)).join(' ')}."""\n\n    ${ident()}: int = 0\n\n`;
    for (let m = int(2, 8); m > 0; m--) s += method(4);
    s += '\n';
  }
  for (let f = int(1, 4); f > 0; f--) {
    s += `def ${ident()}(${ident()}, *args, **kwargs):\n`;
    for (let k = int(3, 10); k > 0; k--) s += statement(4);
    s += '\n\n';
  }
  return s;
}

function generated(targetBytes) {
  const files = [];
  let size = 0;
  while (size < targetBytes) {
    // Round-trip through bytes so each file is one flat string, as text read from disk is; a
    // string built by `+=` is a rope, on which every charCodeAt pays an extra indirection.
    const f = Buffer.from(pythonFile(), 'utf8').toString('utf8');
    files.push(f);
    size += f.length;
  }
  return files;
}

function pythonFilesUnder(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    const st = statSync(full);
    if (st.isDirectory()) pythonFilesUnder(full, out);
    else if (name.endsWith('.py')) out.push(readFileSync(full, 'utf8'));
  }
  return out;
}

const dirs = process.argv.slice(2);
const files = dirs.length > 0 ? dirs.flatMap((d) => pythonFilesUnder(d, [])) : generated(20 * 1024 * 1024);
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f, 'utf8'), 0);

// The first pass runs while V8 is still compiling the scanner: what a one-shot CLI run sees. Like
// a CLI run it keeps every scan, which (with `--expose-gc`) also tells what scans cost in memory.
const gc = typeof globalThis.gc === 'function' ? globalThis.gc : undefined;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let imports = 0;
const coldStart = process.cpuUsage();
let kept = files.map((f) => scanPythonImports(f));
const coldUsage = process.cpuUsage(coldStart);
const cold = (coldUsage.user + coldUsage.system) / 1e6;
for (const scan of kept) imports += scan.imports.length;
gc?.();
const keptBytes = process.memoryUsage().heapUsed - heapBefore;
kept = undefined;
if (process.env.STRATA_BENCH_COLD_ONLY) {
  process.stdout.write(String(cold));
  process.exit(0);
}
const colds = [cold];
for (let run = 1; run < 5; run++) {
  const child = spawnSync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...dirs], {
    env: { ...process.env, STRATA_BENCH_COLD_ONLY: '1' },
    encoding: 'utf8',
  });
  colds.push(Number(child.stdout));
}
// Wall time and this process's CPU time are both reported: on a shared machine the CPU time is
// the steadier measure of the scanner itself.
const wall = [];
const cpu = [];
for (let run = 0; run < 5; run++) {
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  for (const f of files) scanPythonImports(f);
  wall.push(Number(process.hrtime.bigint() - t0) / 1e9);
  const c1 = process.cpuUsage(c0);
  cpu.push((c1.user + c1.system) / 1e6);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const mb = bytes / (1024 * 1024);
console.log(`${files.length} files, ${mb.toFixed(1)} MB, ${imports} imports`);
console.log(`wall: median ${(median(wall) * 1000).toFixed(0)} ms over 5 runs = ${(mb / median(wall)).toFixed(0)} MB/s`);
console.log(`cpu:  median ${(median(cpu) * 1000).toFixed(0)} ms over 5 runs = ${(mb / median(cpu)).toFixed(0)} MB/s`);
console.log(`cold: first pass median ${(median(colds) * 1000).toFixed(0)} ms cpu over 5 processes = ${(mb / median(colds)).toFixed(0)} MB/s`);
console.log(gc
  ? `kept: ${(keptBytes / 1048576).toFixed(1)} MB for the scans of all files = ${(keptBytes / Math.max(1, imports)).toFixed(0)} B/import`
  : 'kept: run with node --expose-gc to measure the memory scans keep');
