// Intake: 64 connections of single submissions against the real server in its own process, beside the
// bare stack it is built on; then the offline drain through the batch endpoint; then the same load with
// the alert rules on and off.
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { openDatabase } from '../../server/db/database.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { fmt, kioskDatabase, median, row, startNode, type Bench, type Row, type Section } from './lib.ts'
import { generatorName, load, type LoadResult } from './load.ts'

const ceilingScript = fileURLToPath(new URL('./ceiling-server.mjs', import.meta.url))

/** The bare hono + @hono/node-server + zod server (scripts/bench/ceiling-server.mjs) in its own process. */
function startCeiling(body: 'node' | 'hono'): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [ceilingScript], { env: { ...process.env, PORT: '0', CEILING_BODY: body }, stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return new Promise((resolve, reject) => {
    let out = ''
    child.once('exit', (code) => reject(new Error(`ceiling server exited (${code}): ${out}`)))
    child.stdout.on('data', (d) => {
      out += d
      const port = /listening (\d+)/.exec(out)?.[1]
      if (port) resolve({ url: `http://127.0.0.1:${port}`, stop: () => (child.kill('SIGTERM'), exited) })
    })
  })
}

const summary = (runs: LoadResult[]) => ({
  rps: median(runs.map((x) => x.rps)),
  p50: median(runs.map((x) => x.p50)),
  p99: median(runs.map((x) => x.p99)),
  ok: runs.reduce((n, x) => n + x.ok, 0),
  errors: runs.reduce((n, x) => n + x.errors, 0),
})

async function intakeAndDrain(bench: Bench): Promise<Row[]> {
  const { quick } = bench
  const rows: Row[] = []
  console.log(`intake: 64 connections, single submissions; load generator ${generatorName()}`)
  const file = path.join(bench.work, 'intake.db')
  const tokens = await kioskDatabase(file, 64)
  const token = tokens[0]!
  const node = await startNode({ DATABASE_URL: file })
  const bare = await startCeiling('node')
  const honoBare = await startCeiling('hono')
  try {
    const seconds = quick ? 2 : 10
    const rounds = quick ? 2 : 3
    const targets = {
      bare: `${bare.url}/api/v1/responses`,
      honoBare: `${honoBare.url}/api/v1/responses`,
      validate: `${node.url}/api/v1/responses?validateOnly=1`,
      stored: `${node.url}/api/v1/responses`,
    }
    // Warm-up: JIT, caches and the credential lookups, not measured.
    for (const url of Object.values(targets)) await load({ url, tokens, seconds: quick ? 2 : 5 })
    const stored = async () => {
      // The last requests of a run, cut off by the generator's clock, are still being committed.
      await new Promise((resolve) => setTimeout(resolve, 500))
      const { db, close } = await openDatabase(file)
      const n = await countResponses(db)
      await close()
      return n
    }
    const before = await stored()
    // The three alternate, so drift on a shared machine hits each alike; medians of the rounds are quoted.
    const runs = { bare: [] as LoadResult[], honoBare: [] as LoadResult[], validate: [] as LoadResult[], stored: [] as LoadResult[] }
    for (let r = 0; r < rounds; r++) for (const [k, url] of Object.entries(targets)) runs[k as keyof typeof runs].push(await load({ url, tokens, seconds }))
    const [b, h, v, s] = [summary(runs.bare), summary(runs.honoBare), summary(runs.validate), summary(runs.stored)]
    const count = (await stored()) - before
    const m = `req/s, median of ${rounds} × ${seconds} s`
    rows.push(row('Intake', 'load generator', generatorName()))
    rows.push(row('Intake', `ceiling: bare hono + node-server + zod, same request, header and body read from Node's request as the app reads them (${m})`, fmt(b.rps, 0)))
    rows.push(row('Intake', `the same bare server reading them through hono's c.req (the fetch Request) (${m})`, fmt(h.rps, 0)))
    rows.push(row('Intake', `validate only: the app without the write, ?validateOnly=1 (${m})`, fmt(v.rps, 0)))
    rows.push(row('Intake', `stored, synchronous=FULL, WAL (${m})`, fmt(s.rps, 0)))
    rows.push(row('Intake', 'ratio validate only / ceiling', fmt(v.rps / b.rps, 2)))
    rows.push(row('Intake', 'ratio stored / ceiling', fmt(s.rps / b.rps, 2), '≥ 0.60', s.rps / b.rps >= 0.6))
    rows.push(row('Intake', 'stored latency p50 / p99 at 64 connections (ms)', `${fmt(s.p50)} / ${fmt(s.p99)}`, 'p99 ≤ 50', s.p99 <= 50))
    rows.push(row('Intake', 'ratios stored / the bare server reading through c.req; validate only / the same', `${fmt(s.rps / h.rps, 2)}; ${fmt(v.rps / h.rps, 2)}`))
    rows.push(row('Intake', 'p50 / p99 (ms): ceiling; through c.req; validate only', `${fmt(b.p50)} / ${fmt(b.p99)}; ${fmt(h.p50)} / ${fmt(h.p99)}; ${fmt(v.p50)} / ${fmt(v.p99)}`))
    // Requests still in flight when the clock stops are stored but not counted by the load generator.
    rows.push(
      row(
        'Intake',
        'acknowledged ≤ stored ≤ acknowledged + 64 per run',
        `${s.ok} ≤ ${count} ≤ ${s.ok + 64 * rounds}; errors ${s.errors + v.errors}`,
        'no loss, no refusal',
        s.ok <= count && count <= s.ok + 64 * rounds && s.errors === 0 && v.errors === 0,
      ),
    )

    console.log('offline drain: 1,000 queued responses through the batch endpoint')
    const started = performance.now()
    for (let i = 0; i < 2; i++) {
      const items = Array.from({ length: 500 }, () => ({
        submissionId: randomUUID(),
        survey: 'mot-cua@1',
        answers: { overall: 4 },
        // Taken offline after the tablet was paired (a time before pairing is refused as unbelievable).
        givenAt: new Date(Date.now() - 1000).toISOString(),
      }))
      const res = await fetch(`${node.url}/api/v1/responses/batch`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ items }),
      })
      const body = (await res.json()) as { created: number }
      if (body.created !== 500) throw new Error(`drain stored ${body.created} of 500`)
    }
    const drain = (performance.now() - started) / 1000
    rows.push(row('Offline drain', '1,000 responses, 2 batches of 500 (s)', fmt(drain, 2), '≤ 10', drain <= 10))
  } finally {
    await bare.stop()
    await honoBare.stop()
    await node.stop()
  }
  return rows
}

/**
 * The same load on two nodes, one evaluating the alert rules after each commit and one with
 * HAILONG_ALERTS=0, alternating so that drift on a shared machine hits both alike. The ratings mix
 * mostly satisfied with some unhappy ones, so the burst rule runs its queries (and raises alerts).
 */
async function intakeWithAlerts(bench: Bench): Promise<Row[]> {
  const { quick } = bench
  console.log('intake with alert rules: 64 connections, on and off')
  const seconds = quick ? 2 : 10
  // Two loads side by side on a shared machine drift: more, shorter rounds than the intake runs above.
  const rounds = quick ? 4 : 6
  const nodes = []
  for (const alerts of ['1', '0']) {
    const file = path.join(bench.work, `intake-alerts-${alerts}.db`)
    const tokens = await kioskDatabase(file, 64)
    nodes.push({ alerts, tokens, node: await startNode({ DATABASE_URL: file, HAILONG_ALERTS: alerts }) })
  }
  const bodies = [5, 5, 4, 5, 4, 3, 5, 2, 5, 1].map((overall) => JSON.stringify({ submissionId: '@ID@', survey: 'mot-cua@1', answers: { overall } }))
  try {
    for (const n of nodes) await load({ url: `${n.node.url}/api/v1/responses`, tokens: n.tokens, seconds: quick ? 2 : 5, bodies }) // warm-up
    const runs: Record<string, number[]> = { '1': [], '0': [] }
    // Each round runs the pair back to back, the one that goes first swapping every round, and the verdict
    // is the median of the rounds' own ratios: drift over the run cancels within a pair.
    for (let r = 0; r < rounds; r++)
      for (const n of r % 2 ? [...nodes].reverse() : nodes) runs[n.alerts]!.push((await load({ url: `${n.node.url}/api/v1/responses`, tokens: n.tokens, seconds, bodies })).rps)
    const on = median(runs['1']!)
    const off = median(runs['0']!)
    const ratio = median(runs['1']!.map((x, i) => x / runs['0']![i]!))
    return [
      row('Intake + alerts', `stored with alert rules on (req/s, median of ${rounds})`, fmt(on, 0)),
      row('Intake + alerts', `stored with alert rules off, HAILONG_ALERTS=0 (req/s, median of ${rounds})`, fmt(off, 0)),
      row(
        'Intake + alerts',
        `ratio on / off (median of the ${rounds} rounds' ratios; each round's: ${runs['1']!.map((x, i) => fmt(x / runs['0']![i]!, 2)).join(', ')})`,
        fmt(ratio, 2),
        '≥ 0.90',
        ratio >= 0.9,
      ),
    ]
  } finally {
    for (const n of nodes) await n.node.stop()
  }
}

export const intake: Section = { name: 'intake', run: intakeAndDrain }
export const intakeAlerts: Section = { name: 'alerts', run: intakeWithAlerts }
