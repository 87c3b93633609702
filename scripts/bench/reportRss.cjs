// Preloaded into a benchmarked process (`node -r`): on exit, appends its peak RSS to the file
// named by STRATA_BENCH_RSS_FILE. The measured program itself prints nothing extra.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.STRATA_BENCH_RSS_FILE;
  if (file) fs.writeFileSync(file, String(process.resourceUsage().maxRSS * 1024));
});
