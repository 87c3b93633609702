// The launcher `scripts/build.mjs` writes as dist/cli.js and dist/server.js, with the name of the
// bundle it starts filled in (dist/cli.main.js, dist/server.main.js). It runs the bundle with a V8
// code cache, so that a cold
// process does not parse and compile the bundle's functions again each time (Node 20 has no
// `module.enableCompileCache()`; this is what it does, by hand).
//
// The cache is in dist/.cache/, next to the bundle and as trusted as it (never in a shared temp
// folder: V8 runs the bytecode it finds there), one file per bundle, Node version and
// architecture. It is written at exit when there was none or V8 rejected it (the bundle or the
// V8 flags changed); where dist/ is read-only there is simply no cache.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const v8 = require('node:v8');
const vm = require('node:vm');

const file = path.join(__dirname, 'MAIN_FILE');
const cacheFile = path.join(__dirname, '.cache', `MAIN_FILE.${process.version}.${process.arch}.v8`);
let cachedData;
try {
  cachedData = fs.readFileSync(cacheFile);
} catch {
  // No cache yet.
}
const source = fs.readFileSync(file, 'utf8');
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
if (cachedData === undefined || script.cachedDataRejected) {
  process.once('exit', () => {
    try {
      // Under the flags it was read with: V8 rejects a cache made under other flags.
      if (process.env.STRATA_V8_FLAGS !== undefined) v8.setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
      // Written whole, then renamed: a process starting meanwhile never reads half a cache.
      const partial = `${cacheFile}.${process.pid}`;
      fs.writeFileSync(partial, script.createCachedData());
      fs.renameSync(partial, cacheFile);
    } catch {
      // No cache this time.
    }
  });
}
// The young generation keeps its first size (semi-spaces of 1 MB) instead of doubling up to 16 MB
// ones: what Strata allocates either dies at once or is kept for the whole run (the index), so a
// large young generation only adds to the process's memory. Measured with `npm run bench`'s
// corpora, strata check --format json, medians interleaved with the build without it: 10x (19,850
// files) peak RSS 225 -> 195 MB, CPU 3.34 -> 3.27 s; 1x (1,985 files) 94 -> 72 MB, CPU 0.68 ->
// 0.63 s. Unlike --max-semi-space-size, this flag takes effect after V8 has started. Starting a
// worker thread puts V8's flags back, so the scan worker sets again what STRATA_V8_FLAGS says
// (server/src/host/scanWorker.ts). The flag is set after the cache is read, and put back before
// one is made, so that the cache is always made and read under Node's own flags (V8 rejects a
// cache made under others). Only on the V8 of Node 20 (11.x), where it was measured: a V8 without
// the flag would print an error for it.
const DEFAULT_GROWTH_FACTOR = 2;
if (process.versions.v8.startsWith('11.')) {
  process.env.STRATA_V8_FLAGS = '--semi-space-growth-factor=1';
  v8.setFlagsFromString(process.env.STRATA_V8_FLAGS);
}
// The bundle runs as this module: `require.main === module` holds for it as for the launcher.
script.runInThisContext()(module.exports, require, module, file, __dirname);
