// Preloaded into a benchmarked process (`node -r`): on exit, writes its peak RSS (bytes) and the
// CPU time of all its threads (seconds, user + system) as JSON to the file named by
// STRATA_BENCH_RSS_FILE. The measured program itself prints nothing extra.
const fs = require('node:fs');
process.on('exit', () => {
  const file = process.env.STRATA_BENCH_RSS_FILE;
  if (!file) return;
  const usage = process.resourceUsage();
  fs.writeFileSync(file, JSON.stringify({ rss: usage.maxRSS * 1024, cpu: (usage.userCPUTime + usage.systemCPUTime) / 1e6 }));
});
