// Generates a deterministic synthetic HOC backend shaped like the real one Strata was built for:
// at scale 1, 1,985 .py files in 321 folders (77 without __init__.py), a median of 323 lines a
// file (mean about 390, max 3,105), about 7.8 import statements a file (max 130), 29% of
// import statements indented. Scale 10 multiplies domains, folders and files by ten.
import * as fs from 'node:fs';
import * as path from 'node:path';

const SHAPE = { files: 1985, folders: 321, foldersWithoutInit: 77, medianLines: 323, maxLines: 3105, meanImports: 7.8, maxImports: 130, indentedShare: 0.29 };
const LAYER_FOLDERS = ['L3_adapters', 'L5_engines', 'L5_schemas', 'L6_drivers', 'L5_utils', 'L5_workflow', 'L4_runtime'];
const EXTERNAL = ['os', 'json', 'logging', 'asyncio', 'datetime', 'typing', 'dataclasses', 'fastapi', 'pydantic', 'sqlmodel', 'sqlalchemy', 'httpx', 'enum', 're'];

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateBackend(outDir, scale = 1, seed = 42) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  fs.rmSync(outDir, { recursive: true, force: true });

  // Folders: the package spine, then per domain its api folder and layer folders, then nested ones.
  const folders = ['app', 'app/hoc', 'app/hoc/api', 'app/hoc/api/cus', 'app/hoc/api/facades', 'app/hoc/api/facades/cus', 'app/hoc/cus', 'app/models', 'app/db'];
  const domains = [];
  const folderTarget = SHAPE.folders * scale;
  for (let d = 0; folders.length < folderTarget; d++) {
    const domain = `domain_${String(d).padStart(3, '0')}`;
    domains.push(domain);
    folders.push(`app/hoc/cus/${domain}`, `app/hoc/api/cus/${domain}`);
    for (const layer of LAYER_FOLDERS) {
      if (folders.length >= folderTarget) break;
      folders.push(`app/hoc/cus/${domain}/${layer}`);
    }
  }
  folders.length = folderTarget;
  const leafFolders = folders.filter((f) => /\/(L\d_\w+|api\/cus\/\w+)$/.test(f) || f === 'app/models');
  const withoutInit = new Set();
  while (withoutInit.size < SHAPE.foldersWithoutInit * scale) withoutInit.add(pick(folders.slice(1)));

  const files = [];
  for (const folder of folders) if (!withoutInit.has(folder)) files.push(`${folder}/__init__.py`);
  const fileTarget = SHAPE.files * scale;
  for (let i = 0; files.length < fileTarget; i++) files.push(`${pick(leafFolders)}/module_${String(i).padStart(5, '0')}.py`);

  // Lines: log-normal around the median (sigma chosen so the mean is about 390), capped at the max.
  const sigma = 0.6;
  const moduleOf = (file) => file.slice(0, -3).replace(/\/__init__$/, '').replace(/\//g, '.');
  const modules = files.map(moduleOf);
  let bytes = 0;
  files.forEach((file, i) => {
    const isInit = file.endsWith('__init__.py');
    const lines = i === files.length - 1 ? SHAPE.maxLines : isInit ? Math.floor(random() * 12) : Math.min(SHAPE.maxLines, Math.max(8, Math.round(SHAPE.medianLines * 1.17 * Math.exp(sigma * gaussian()))));
    const imports = i === files.length - 2 ? SHAPE.maxImports : isInit ? Math.floor(random() * 3) : Math.min(SHAPE.maxImports, Math.max(0, Math.round(SHAPE.meanImports * 1.09 + 4 * gaussian())));
    const text = pythonFile(random, pick, modules, lines, imports);
    const full = path.join(outDir, 'backend', file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, text);
    bytes += Buffer.byteLength(text);
  });
  for (const folder of folders) fs.mkdirSync(path.join(outDir, 'backend', folder), { recursive: true });
  return { files: files.length, folders: folders.length, bytes, domains: domains.length };
}

function importLine(random, pick, modules) {
  const r = random();
  if (r < 0.3) return `import ${pick(EXTERNAL)}`;
  if (r < 0.45) return `from ${pick(EXTERNAL)} import ${pick(['Session', 'select', 'Field', 'Any', 'dataclass', 'APIRouter'])}`;
  if (r < 0.55) return `from .${pick(['helpers', 'base', 'types'])} import ${pick(['Base', 'helper', 'T'])}`;
  if (r < 0.62) return `from app.models.${pick(['users', 'billing', 'tenant'])} import ${pick(['User', 'Invoice', 'Tenant'])}`;
  if (r < 0.8) return `from ${pick(modules)} import (\n    Alpha,\n    Beta as B,\n)`;
  return `from ${pick(modules)} import ${pick(['Service', 'Engine', 'Driver', 'schema'])}`;
}

const BODY = [
  (n) => `    def method_${n}(self, value: int) -> dict:`,
  (n) => `        result = {"key${n}": value, "other": [1, 2]}`,
  (n) => `        logger.info(f"step {value!r} ${n}")`,
  () => `        # mentions import os here`,
  () => `        if value > 10:`,
  () => `            raise ValueError("'import' x")`,
  () => `        return result`,
  () => `    """from app.models import User"""`,
  (n) => `    t${n} = sum(x for x in range(9))`,
  () => ``,
];

function pythonFile(random, pick, modules, lines, importCount) {
  const out = ['# Layer: synthetic', '# Role: benchmark corpus', '"""Module docstring', 'spanning lines with import statements inside: import json', '"""', ''];
  const indented = [];
  for (let i = 0; i < importCount; i++) {
    const line = importLine(random, pick, modules);
    if (random() < SHAPE.indentedShare) indented.push(line);
    else out.push(line);
  }
  out.push('', 'logger = None', '');
  let n = 0;
  out.push(`class Synthetic${lines}:`, '    name = "synthetic"');
  if (indented.length) {
    out.push('    def lazy(self):');
    for (const line of indented) out.push(...line.split('\n').map((l) => '        ' + l));
    out.push('        return None');
  }
  while (out.length < lines) out.push(BODY[n++ % BODY.length](n));
  return out.join('\n') + '\n';
}
