// Loaded with `node --require` into a measured process: reports its peak RSS on exit.
process.on('exit', () => {
  process.stderr.write(`\nKPI_BENCH_MAX_RSS_KB ${process.resourceUsage().maxRSS}\n`);
});
