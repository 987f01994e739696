// Preloaded into a measured child process: prints its peak resident set size and CPU time when it exits.
process.on('exit', () => {
  const u = process.resourceUsage()
  process.stderr.write(`\nmaxRSS=${u.maxRSS} cpuUs=${u.userCPUTime + u.systemCPUTime}\n`)
})
