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
// The bundle runs as this module: `require.main === module` holds for it as for the launcher.
script.runInThisContext()(module.exports, require, module, file, __dirname);
