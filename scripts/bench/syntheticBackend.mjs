// Generates a deterministic synthetic HOC backend shaped like the real one Strata was built for.
//
// Tree: at scale 1, 1,985 .py files in 321 folders (77 without __init__.py); scale 10 multiplies
// domains, folders and files by ten.
//
// Files: what makes real code harder to scan than a toy corpus, as measured on that backend
// (issue 11): 81% of files hold non-ASCII characters (box-drawing characters and dashes in
// docstrings and comments, so V8 keeps their text as two-byte strings); 29% of the bytes are in
// string literals and 11% in comments; ~95 string literals (~16 triple-quoted) a file, f-strings
// among them; mean line 33 bytes, ~390 lines a file (median 323, max 3,105); ~7.8 import statements
// a file (max 130), 29% of them indented (lazy imports inside functions).
//
// `corpusStats.mjs` measures these figures on the generated tree (or on any other tree), and
// `npm run bench` prints them next to its timings so the claim can be checked. Every file is valid
// Python (the differential test parses a slice of the corpus with @lezer/python).
import * as fs from 'node:fs';
import * as path from 'node:path';

const SHAPE = { files: 1985, folders: 321, foldersWithoutInit: 77, medianLines: 323, maxLines: 3105, meanImports: 7.8, maxImports: 130, indentedShare: 0.29, nonAsciiFiles: 0.81 };
const LAYER_FOLDERS = ['L3_adapters', 'L5_engines', 'L5_schemas', 'L6_drivers', 'L5_utils', 'L5_workflow', 'L4_runtime'];
const EXTERNAL = ['os', 'json', 'logging', 'asyncio', 'datetime', 'typing', 'dataclasses', 'fastapi', 'pydantic', 'sqlmodel', 'sqlalchemy', 'httpx', 'enum', 're', 'uuid', 'decimal'];
const NOUNS = ['tenant', 'invoice', 'policy', 'incident', 'run', 'agent', 'budget', 'alert', 'trace', 'account', 'member', 'api_key', 'usage', 'plan', 'limit', 'report', 'event', 'session', 'webhook', 'job', 'quota', 'worker'];
const STATUSES = ['active', 'paused', 'failed', 'pending', 'archived', 'degraded', 'resolved'];

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The corpus as (relative path, text) pairs, in generation order, without touching the disk:
 * `generateBackend` writes them, the differential test reads a slice of them.
 */
export function* syntheticFiles(scale = 1, seed = 42) {
  const random = mulberry32(seed);
  const pick = (list) => list[Math.floor(random() * list.length)];
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

  // Folders: the package spine, then per domain its api folder and layer folders, then nested ones.
  const folders = ['app', 'app/hoc', 'app/hoc/api', 'app/hoc/api/cus', 'app/hoc/api/facades', 'app/hoc/api/facades/cus', 'app/hoc/cus', 'app/models', 'app/db'];
  const folderTarget = SHAPE.folders * scale;
  for (let d = 0; folders.length < folderTarget; d++) {
    const domain = `domain_${String(d).padStart(3, '0')}`;
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

  // Lines: log-normal, scale and sigma chosen so that, with the short __init__.py files, the median
  // is about 323 and the mean about 390; capped at the max.
  const sigma = 0.64;
  const moduleOf = (file) => file.slice(0, -3).replace(/\/__init__$/, '').replace(/\//g, '.');
  const modules = files.map(moduleOf);
  yield { folders };
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    const isInit = file.endsWith('__init__.py');
    const lines = i === files.length - 1 ? SHAPE.maxLines : isInit ? Math.floor(random() * 12) : Math.min(SHAPE.maxLines, Math.max(8, Math.round(SHAPE.medianLines * 1.08 * Math.exp(sigma * gaussian()))));
    const imports = i === files.length - 2 ? SHAPE.maxImports : isInit ? Math.floor(random() * 3) : Math.min(SHAPE.maxImports, Math.max(0, Math.round(SHAPE.meanImports * 1.01 + 4 * gaussian())));
    yield { file, text: new PythonFileWriter(random, modules, random() < SHAPE.nonAsciiFiles).write(lines, imports) };
  }
}

/** Writes the corpus under `outDir/backend` (replacing what was there) and returns its shape. */
export function generateBackend(outDir, scale = 1, seed = 42) {
  fs.rmSync(outDir, { recursive: true, force: true });
  let bytes = 0;
  let files = 0;
  let folders = [];
  for (const item of syntheticFiles(scale, seed)) {
    if (item.folders) {
      folders = item.folders;
      continue;
    }
    const full = path.join(outDir, 'backend', item.file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, item.text);
    bytes += Buffer.byteLength(item.text);
    files++;
  }
  for (const folder of folders) fs.mkdirSync(path.join(outDir, 'backend', folder), { recursive: true });
  return { files, folders: folders.length, bytes };
}

/** One module's text, written as a real service module is: docstrings, comments, strings, f-strings. */
class PythonFileWriter {
  constructor(random, modules, fancy) {
    this.random = random;
    this.modules = modules;
    this.out = [];
    // Files with non-ASCII use it where real code does: box-drawing rules and dashes in prose.
    this.rule = fancy ? '─' : '-';
    this.dash = fancy ? '—' : '--';
    this.arrow = fancy ? '→' : '->';
    this.range = fancy ? '–' : '-';
  }

  pick(list) {
    return list[Math.floor(this.random() * list.length)];
  }

  chance(p) {
    return this.random() < p;
  }

  int(lo, hi) {
    return lo + Math.floor(this.random() * (hi - lo + 1));
  }

  noun() {
    return this.pick(NOUNS);
  }

  emit(indent, ...lines) {
    const pad = ' '.repeat(indent);
    for (const line of lines) this.out.push(line === '' ? '' : pad + line);
  }

  write(lineTarget, importCount) {
    const noun = this.noun();
    const Noun = camel(noun);
    const imports = [];
    const indented = [];
    const top = [];
    for (let i = 0; i < importCount; i++) {
      const statement = this.importStatement();
      imports.push(statement);
      (this.chance(SHAPE.indentedShare * 1.2) ? indented : top).push(statement);
    }
    if (lineTarget < 12) {
      // A package's __init__.py: a docstring, its imports, maybe an __all__.
      if (lineTarget > 0) this.emit(0, `"""${Noun} package ${this.dash} re-exports."""`);
      for (const s of imports) this.emit(0, ...s.split('\n'));
      if (lineTarget > 4) this.emit(0, '', `__all__ = ["${Noun}Service", "${Noun}Driver"]`);
      return this.out.join('\n') + '\n';
    }
    this.emit(0, '"""', `${Noun} engine ${this.dash} ${this.pick(['business rules', 'persistence', 'orchestration', 'request handling'])} for ${noun}s.`, this.rule.repeat(this.int(30, 60)));
    this.emit(0, `Layer: L${this.int(3, 6)} ${this.dash} ${this.pick(['Engines', 'Drivers', 'Adapters', 'Schemas'])}`, `Role: ${this.pick(['Owns', 'Reads', 'Validates', 'Publishes'])} the ${noun} lifecycle ${this.arrow} storage ${this.arrow} events.`, `Callers: api/${noun}s.py, workers/${noun}_sync.py`, '"""', '', 'from __future__ import annotations', '');
    for (const s of top) this.emit(0, ...s.split('\n'));
    this.emit(0, '', 'logger = logging.getLogger(__name__)', '');
    this.section(0, 'Constants');
    this.emit(0, `DEFAULT_${noun.toUpperCase()}_LIMIT = ${this.int(10, 500)}`, `_${noun.toUpperCase()}_LABELS: dict[str, str] = {`);
    for (const status of STATUSES.slice(0, this.int(3, STATUSES.length))) this.emit(4, `"${status}": "${camel(status)} ${noun}",`);
    this.emit(0, '}', '', '');
    let methods = 0;
    let lazyImports = indented;
    while (this.out.length < lineTarget - 6) {
      if (methods % this.int(5, 9) === 0) this.classHeader(`${Noun}${this.pick(['Service', 'Engine', 'Driver', 'Repository', 'Workflow'])}`);
      this.method(lazyImports);
      lazyImports = [];
      methods++;
    }
    if (lazyImports.length) this.method(lazyImports);
    // Pad or trim to the target, so the line distribution stays the one described above.
    while (this.out.length < lineTarget) this.emit(4, this.chance(0.5) ? '' : `# ${this.prose()}`);
    return this.out.join('\n') + '\n';
  }

  section(indent, title) {
    this.emit(indent, `# ${this.rule.repeat(2)} ${title} ${this.rule.repeat(Math.max(4, 60 - title.length - indent))}`, '');
  }

  prose() {
    return this.pick([
      `keep the ${this.noun()} rows in one transaction ${this.dash} partial writes break replay`,
      `cached per request; the ${this.noun()} table is hot`,
      `see docs/${this.noun()}s.md for the state machine`,
      `ordering matters: ${this.noun()} ${this.arrow} ${this.noun()} ${this.arrow} audit log`,
      `retries ${this.int(1, 3)}${this.range}${this.int(4, 9)} times with backoff`,
      `NOTE: ${this.noun()}s created before the migration have no tenant id`,
      `TODO(${this.pick(['ops', 'infra', 'billing'])}): move to the ${this.noun()} driver`,
    ]);
  }

  classHeader(name) {
    this.emit(0, '');
    if (this.chance(0.3)) this.emit(0, '@dataclass');
    this.emit(0, `class ${name}:`, '    """', `    ${name} ${this.dash} ${this.pick(['coordinates', 'persists', 'validates'])} ${this.noun()}s for one tenant.`, '');
    this.emit(4, `${this.rule.repeat(this.int(20, 40))}`, `Invariant: a ${this.noun()} never outlives its ${this.noun()} ${this.dash} enforced here.`, '"""', '');
    this.emit(4, 'def __init__(self, session: AsyncSession, *, tenant_id: str) -> None:', '    self._session = session', '    self._tenant_id = tenant_id', '    self._cache: dict[str, Any] = {}', '');
  }

  method(lazyImports) {
    const noun = this.noun();
    const verb = this.pick(['get', 'list', 'create', 'update', 'archive', 'sync', 'validate', 'compute']);
    if (this.chance(0.25)) this.section(4, `${camel(verb)} ${noun}s`);
    if (this.chance(0.3)) this.emit(4, this.pick(['@staticmethod', '@retry(times=3)', `@traced("${verb}_${noun}")`]));
    const async = this.chance(0.6) ? 'async ' : '';
    if (this.chance(0.4)) {
      // Long signatures are wrapped one parameter a line, as formatters do.
      this.emit(4, `${async}def ${verb}_${noun}(`, '    self,', `    ${noun}_id: str,`, '    *,', '    limit: int = 50,', '    cursor: str | None = None,', ') -> dict[str, Any]:');
    } else {
      this.emit(4, `${async}def ${verb}_${noun}(self, ${noun}_id: str) -> dict[str, Any]:`);
    }
    this.emit(8, `"""${camel(verb)} one ${noun} ${this.dash} ${this.pick(['scoped to the tenant', 'idempotent', 'read-only', 'audited'])}.`, '');
    if (this.chance(0.5)) this.emit(8, 'Args:', `    ${noun}_id: the ${noun}'s id (uuid4 hex).`, `    limit: page size, 1${this.range}500.`);
    this.emit(8, 'Returns:', `    The ${noun} as a dict ${this.arrow} see ${camel(noun)}Schema.`, '"""');
    for (const s of lazyImports) this.emit(8, ...s.split('\n'));
    const statements = this.int(8, 18);
    for (let k = 0; k < statements; k++) this.statement(8, noun);
    this.emit(8, this.chance(0.5) ? `return {"id": ${noun}_id, "status": row.status}` : 'return result', '');
  }

  statement(indent, noun) {
    const r = this.random();
    // Plain code most of the time: short lines without strings, as most lines of a service are.
    if (r < 0.42) {
      this.emit(indent, ...this.pick(PLAIN_CODE)(noun));
      return;
    }
    switch (this.int(0, 11)) {
      case 0:
        this.emit(indent, `# ${this.prose()}`, `row = await self._session.get(${camel(noun)}, ${noun}_id)`);
        break;
      case 1:
        this.emit(indent, 'if row is None:', `    raise ValueError(f"${camel(noun)} not found: {${noun}_id}")`);
        break;
      case 2:
        if (this.chance(0.2)) {
          this.emit(indent, 'stmt = select(Row).where(Row.id == key)');
          break;
        }
        this.emit(indent, 'stmt = text(', '    """', `    SELECT id, name, status`, `    FROM ${noun}s`, '    WHERE tenant_id = :tenant_id', '    """', ')');
        break;
      case 3:
        this.emit(indent, `payload = {`, `    "${noun}_id": ${noun}_id,`, `    "status": "${this.pick(STATUSES)}",`, '}');
        break;
      case 4:
        this.emit(indent, `logger.info("${noun}.${this.pick(['created', 'updated', 'synced'])}")`);
        break;
      case 5:
        this.emit(indent, `for item in rows:  # ${this.prose()}`, `    total += item.${this.pick(['amount', 'count', 'cost'])}`);
        break;
      case 6:
        this.emit(indent, 'try:', `    result = await self._client.post(url, json=payload)`, 'except httpx.HTTPError as error:', `    logger.error(f"sync failed: {error}")`, '    raise');
        break;
      case 7:
        this.emit(indent, 'self._dirty = True', `# ${this.prose()}`);
        break;
      case 8:
        this.emit(indent, `if limit > DEFAULT_LIMIT:`, `    raise HTTPException(400, detail="limit too large")`);
        break;
      case 9:
        this.emit(indent, `message = f"{row.status!r} at {now:%H:%M}"`);
        break;
      case 10:
        this.emit(indent, `label = LABELS.get(row.status, "unknown")`);
        break;
      default:
        this.emit(indent, `# ${this.prose()}`);
        break;
    }
  }

  importStatement() {
    const r = this.random();
    const modules = this.modules;
    if (r < 0.25) return `import ${this.pick(EXTERNAL)}`;
    if (r < 0.42) return `from ${this.pick(EXTERNAL)} import ${this.pick(['Session', 'select', 'Field', 'Any', 'dataclass', 'APIRouter', 'HTTPException', 'text'])}`;
    if (r < 0.5) return `from .${this.pick(['helpers', 'base', 'types'])} import ${this.pick(['Base', 'helper', 'T'])}`;
    if (r < 0.58) return `from app.models.${this.pick(['users', 'billing', 'tenant'])} import ${this.pick(['User', 'Invoice', 'Tenant'])}`;
    if (r < 0.78) return `from ${this.pick(modules)} import (\n    ${camel(this.noun())}Service,\n    ${camel(this.noun())}Schema as Schema,\n)`;
    return `from ${this.pick(modules)} import ${this.pick(['Service', 'Engine', 'Driver', 'schema'])}`;
  }
}

/** Lines of ordinary code, without strings or comments. */
const PLAIN_CODE = [
  () => ['total = 0'],
  () => ['if not rows:', '    return {}'],
  (noun) => [`items = [self._to_schema(r) for r in rows]`],
  () => ['self._cache.clear()'],
  () => ['await self._session.flush()'],
  (noun) => [`count = len(${noun}s)`],
  () => ['', 'now = datetime.now(timezone.utc)'],
  (noun) => [`${noun} = self._cache.get(key)`],
  () => ['if row.deleted_at is not None:', '    continue'],
  () => ['result = await self._repo.save(row)'],
  () => ['assert limit > 0'],
  () => ['rows = sorted(rows, key=lambda r: r.id)'],
  () => [''],
  () => [''],
  () => ['result = await self._session.execute(', '    select(Row)', '    .where(Row.tenant_id == tid)', '    .order_by(Row.created_at.desc())', '    .limit(limit)', ')'],
  () => ['if row.kind is Kind.BATCH:', '    size = len(rows)', 'elif row.kind is Kind.STREAM:', '    size = 1', 'else:', '    size = 0'],
  () => ['with self._lock:', '    self._pending.pop(key, None)'],
  () => ['items = [', '    self._to_schema(r)', '    for r in rows', '    if r.visible', ']'],
  () => ['def _key(r: Row) -> tuple[int, str]:', '    return (r.rank, r.name)'],
  (noun) => [`key = f"${noun}:{row.id}"`],
  () => ['row.status = "archived"'],
  () => ['headers = {"X-Tenant": tid}'],
  () => ['opts = {"source": "api", "mode": "dry"}'],
  () => ['stmt = text("SELECT 1")'],
  () => ['if row.kind == "batch":', '    return None'],
];

function camel(snake) {
  return snake.split('_').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}
