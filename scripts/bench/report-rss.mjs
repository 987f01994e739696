// Preloaded into a measured child process: prints its peak resident set size when it exits.
process.on('exit', () => process.stderr.write(`\nmaxRSS=${process.resourceUsage().maxRSS}\n`))
