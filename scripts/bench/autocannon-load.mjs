#!/usr/bin/env node
// The load generator when wrk is not installed: autocannon in a process of its own (never inside the
// bench or the server, whose cores it would share unseen). Reads one JSON argument
// { url, tokens, seconds, bodies } and prints one JSON line { requests, seconds, p50, p99, ok, errors }.
import { randomUUID } from 'node:crypto'
import autocannon from 'autocannon'

const { url, tokens, seconds, bodies } = JSON.parse(process.argv[2])
let next = 0
const result = await autocannon({
  url,
  connections: tokens.length,
  duration: seconds,
  method: 'POST',
  requests: [
    {
      setupRequest: (req) => ({
        ...req,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}` },
        body: bodies[Math.floor(Math.random() * bodies.length)].replace('"@ID@"', JSON.stringify(randomUUID())),
      }),
    },
  ],
})
console.log(
  JSON.stringify({
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    errors: result.non2xx + result.errors + result.timeouts,
  }),
)
