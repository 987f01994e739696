// Intake: 64 connections of single submissions against the real server in its own process, then the
// offline drain through the batch endpoint, then the same load with the alert rules on and off.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import autocannon from 'autocannon'
import { openDatabase } from '../../server/db/database.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { fmt, kioskDatabase, median, row, startNode, type Bench, type Row, type Section } from './lib.ts'

/** 64 connections, each a kiosk of its own (one tablet sending hundreds a second would be flagged as a burst). */
async function load(url: string, tokens: string[], seconds: number, answers: () => Record<string, unknown> = () => ({ overall: 5, staff: 4 })) {
  let next = 0
  const result = await autocannon({
    url,
    connections: tokens.length,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (req: object) => ({
          ...req,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[next++ % tokens.length]}` },
          body: JSON.stringify({ submissionId: randomUUID(), survey: 'mot-cua@1', answers: answers() }),
        }),
      },
    ],
  })
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], errors: result.non2xx + result.errors }
}

async function intakeAndDrain(bench: Bench): Promise<Row[]> {
  const { quick } = bench
  const rows: Row[] = []
  console.log('intake: 64 connections, single submissions')
  const file = path.join(bench.work, 'intake.db')
  const tokens = await kioskDatabase(file, 64)
  const token = tokens[0]!
  const node = await startNode({ DATABASE_URL: file })
  try {
    const seconds = quick ? 2 : 10
    const rounds = quick ? 2 : 3
    await load(`${node.url}/api/v1/responses?validateOnly=1`, tokens, quick ? 3 : 5) // warm-up: JIT and caches, not measured
    // Ceiling and stored runs alternate, so drift on a shared machine hits both alike; medians are quoted.
    const ceilings: Array<Awaited<ReturnType<typeof load>>> = []
    const storedRuns: Array<Awaited<ReturnType<typeof load>>> = []
    for (let r = 0; r < rounds; r++) {
      ceilings.push(await load(`${node.url}/api/v1/responses?validateOnly=1`, tokens, seconds))
      storedRuns.push(await load(`${node.url}/api/v1/responses`, tokens, seconds))
    }
    const ceiling = { rps: median(ceilings.map((x) => x.rps)), p99: median(ceilings.map((x) => x.p99)) }
    const stored = {
      rps: median(storedRuns.map((x) => x.rps)),
      p50: median(storedRuns.map((x) => x.p50)),
      p99: median(storedRuns.map((x) => x.p99)),
      ok: storedRuns.reduce((n, x) => n + x.ok, 0),
      errors: storedRuns.reduce((n, x) => n + x.errors, 0),
    }
    const { db, close } = await openDatabase(file)
    const count = await countResponses(db)
    await close()
    rows.push(row('Intake', `ceiling: parse + validate only (req/s, median of ${rounds})`, fmt(ceiling.rps, 0)))
    rows.push(row('Intake', `stored, synchronous=FULL, WAL (req/s, median of ${rounds})`, fmt(stored.rps, 0)))
    rows.push(row('Intake', 'ratio stored / ceiling', fmt(stored.rps / ceiling.rps, 2), '≥ 0.60', stored.rps / ceiling.rps >= 0.6))
    rows.push(row('Intake', 'latency p50 / p99 (ms)', `${stored.p50} / ${stored.p99}`, 'p99 ≤ 25', stored.p99 <= 25))
    // Little's law: 64 connections at the ceiling's rate already wait 64 / rate on average.
    rows.push(row('Intake', 'ceiling p99 (ms); mean wait 64 / ceiling rate (ms)', `${ceiling.p99}; ${fmt((64 / ceiling.rps) * 1000, 1)}`))
    // Requests still in flight when the clock stops are stored but not counted by the load generator.
    rows.push(
      row(
        'Intake',
        'acknowledged ≤ stored ≤ acknowledged + 64 per run',
        `${stored.ok} ≤ ${count}`,
        'no loss, no refusal',
        stored.ok <= count && count <= stored.ok + 64 * rounds && stored.errors === 0,
      ),
    )

    console.log('offline drain: 1,000 queued responses through the batch endpoint')
    const started = performance.now()
    for (let b = 0; b < 2; b++) {
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
  const rows: Row[] = []
  console.log('intake with alert rules: 64 connections, on and off')
  const seconds = quick ? 2 : 10
  // Two loads side by side on a shared machine drift: more, shorter rounds than the intake runs above.
  const rounds = quick ? 4 : 5
  const nodes = []
  for (const alerts of ['1', '0']) {
    const file = path.join(bench.work, `intake-alerts-${alerts}.db`)
    const tokens = await kioskDatabase(file, 64)
    nodes.push({ alerts, tokens, node: await startNode({ DATABASE_URL: file, HAILONG_ALERTS: alerts }) })
  }
  const mixed = () => ({ overall: [5, 5, 4, 5, 4, 3, 5, 2, 5, 1][Math.floor(Math.random() * 10)]! })
  try {
    for (const n of nodes) await load(`${n.node.url}/api/v1/responses`, n.tokens, quick ? 2 : 5, mixed) // warm-up
    const runs: Record<string, number[]> = { '1': [], '0': [] }
    for (let r = 0; r < rounds; r++) for (const n of nodes) runs[n.alerts]!.push((await load(`${n.node.url}/api/v1/responses`, n.tokens, seconds, mixed)).rps)
    const on = median(runs['1']!)
    const off = median(runs['0']!)
    rows.push(row('Intake + alerts', `stored with alert rules on (req/s, median of ${rounds})`, fmt(on, 0)))
    rows.push(row('Intake + alerts', `stored with alert rules off, HAILONG_ALERTS=0 (req/s, median of ${rounds})`, fmt(off, 0)))
    rows.push(row('Intake + alerts', 'ratio on / off', fmt(on / off, 2), '≥ 0.90', on / off >= 0.9))
  } finally {
    for (const n of nodes) await n.node.stop()
  }
  return rows
}

export const intake: Section = { name: 'intake', run: intakeAndDrain }
export const intakeAlerts: Section = { name: 'alerts', run: intakeWithAlerts }
