// Preloaded (`node --require bench/maxrss.cjs ...`) into a measured process: on exit, the
// main thread writes the process's peak RSS (worker threads included) to $OTEL_SAFE_BENCH_RSS.
const { isMainThread } = require('node:worker_threads');
if (isMainThread && process.env.OTEL_SAFE_BENCH_RSS) {
  process.on('exit', () => {
    require('node:fs').writeFileSync(process.env.OTEL_SAFE_BENCH_RSS, String(process.resourceUsage().maxRSS));
  });
}
