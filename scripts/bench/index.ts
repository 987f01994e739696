// `npm run bench` (`-- --quick` for small sizes): intake, report, exports, page weight and offline drain,
// each against a ceiling measured in the same run where one exists. Prints one table and writes it to
// docs/benchmarks.md with the machine's cores and memory.
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import autocannon from 'autocannon'
import { openDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { parsePeriod } from '../../server/domain/periods.ts'
import { buildReport } from '../../server/reports/service.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { listRollupQuarters } from '../../server/rollups/repository.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
// @ts-expect-error plain ESM helper shared with `npm start`
import { ensureWebBuilt } from '../build-web.mjs'
import { generate } from '../generate.ts'
import { firstLoadBytes, kioskDatabase, median, ROOT, startNode, timed } from './lib.ts'

const quick = process.argv.includes('--quick')
const WORK = path.join(os.tmpdir(), 'hailong-bench')
fs.mkdirSync(WORK, { recursive: true })

interface Row {
  area: string
  measure: string
  value: string
  target: string
  verdict: string
}
const rows: Row[] = []
const add = (area: string, measure: string, value: string, target = '', ok?: boolean) => {
  rows.push({ area, measure, value, target, verdict: ok === undefined ? '' : ok ? 'met' : 'NOT met' })
  console.log(`  ${area} · ${measure}: ${value}${target ? ` (target ${target})` : ''}`)
}
const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })

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

async function intakeAndDrain() {
  console.log('intake: 64 connections, single submissions')
  const file = path.join(WORK, 'intake.db')
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
    add('Intake', `ceiling: parse + validate only (req/s, median of ${rounds})`, fmt(ceiling.rps, 0))
    add('Intake', `stored, synchronous=FULL, WAL (req/s, median of ${rounds})`, fmt(stored.rps, 0))
    add('Intake', 'ratio stored / ceiling', fmt(stored.rps / ceiling.rps, 2), '≥ 0.60', stored.rps / ceiling.rps >= 0.6)
    add('Intake', 'latency p50 / p99 (ms)', `${stored.p50} / ${stored.p99}`, 'p99 ≤ 25', stored.p99 <= 25)
    // Little's law: 64 connections at the ceiling's rate already wait 64 / rate on average.
    add('Intake', 'ceiling p99 (ms); mean wait 64 / ceiling rate (ms)', `${ceiling.p99}; ${fmt((64 / ceiling.rps) * 1000, 1)}`)
    // Requests still in flight when the clock stops are stored but not counted by the load generator.
    add(
      'Intake',
      'acknowledged ≤ stored ≤ acknowledged + 64 per run',
      `${stored.ok} ≤ ${count}`,
      'no loss, no refusal',
      stored.ok <= count && count <= stored.ok + 64 * rounds && stored.errors === 0,
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
    add('Offline drain', '1,000 responses, 2 batches of 500 (s)', fmt(drain, 2), '≤ 10', drain <= 10)
  } finally {
    await node.stop()
  }
}

/**
 * The same load on two nodes, one evaluating the alert rules after each commit and one with
 * HAILONG_ALERTS=0, alternating so that drift on a shared machine hits both alike. The ratings mix
 * mostly satisfied with some unhappy ones, so the burst rule runs its queries (and raises alerts).
 */
async function intakeWithAlerts() {
  console.log('intake with alert rules: 64 connections, on and off')
  const seconds = quick ? 2 : 10
  // Two loads side by side on a shared machine drift: more, shorter rounds than the intake runs above.
  const rounds = quick ? 4 : 5
  const nodes = []
  for (const alerts of ['1', '0']) {
    const file = path.join(WORK, `intake-alerts-${alerts}.db`)
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
    add('Intake + alerts', `stored with alert rules on (req/s, median of ${rounds})`, fmt(on, 0))
    add('Intake + alerts', `stored with alert rules off, HAILONG_ALERTS=0 (req/s, median of ${rounds})`, fmt(off, 0))
    add('Intake + alerts', 'ratio on / off', fmt(on / off, 2), '≥ 0.90', on / off >= 0.9)
  } finally {
    for (const n of nodes) await n.node.stop()
  }
}

async function reports() {
  const sizes = quick ? [10_000, 100_000] : [10_000, 1_000_000, 10_000_000]
  const times: number[] = []
  for (const size of sizes) {
    const file = path.join(WORK, `report-${size}.db`)
    if (!fs.existsSync(`${file}.done`)) {
      console.log(`report: generating ${size.toLocaleString('en-US')} responses…`)
      await generate(file, size, (done) => process.stderr.isTTY && process.stderr.write(`\r  ${done.toLocaleString('en-US')} / ${size.toLocaleString('en-US')}`))
      if (process.stderr.isTTY) process.stderr.write('\n')
      fs.writeFileSync(`${file}.done`, '')
    }
    const { db, close } = await openDatabase(file)
    // A database generated by an earlier run is reused: bring it to the current schema first.
    await migrateToLatest(db)
    const catalog = new SurveyCatalog(db)
    const quarter = (await listRollupQuarters(db))[0]!
    const run = () => buildReport(db, catalog, { instrument: 'mot-cua', period: parsePeriod(quarter), timeZone: 'Asia/Ho_Chi_Minh', minSample: 30 })
    for (let i = 0; i < 3; i++) await run()
    const samples: number[] = []
    for (let i = 0; i < 25; i++) {
      const t = performance.now()
      await run()
      samples.push(performance.now() - t)
    }
    await close()
    times.push(median(samples))
    add(
      'Report',
      `quarterly report at ${size.toLocaleString('en-US')} responses (ms, median of 25)`,
      fmt(median(samples), 2),
      size >= 10_000_000 ? '≤ 50' : '',
      size >= 10_000_000 ? median(samples) <= 50 : undefined,
    )
  }
  const ratio = times.at(-1)! / times[0]!
  add('Report', `largest / 10k time`, fmt(ratio, 2), '≤ 2', ratio <= 2)
  return sizes
}

async function exports() {
  const size = quick ? 100_000 : 1_000_000
  const file = path.join(WORK, `report-${size}.db`)
  const year = await (async () => {
    const { db, close } = await openDatabase(file)
    const q = (await listRollupQuarters(db))[0]!
    await close()
    return q.slice(0, 4)
  })()
  for (const format of ['csv', 'xlsx'] as const) {
    const out = path.join(WORK, `export.${format}`)
    const r = await timed([path.join(ROOT, 'scripts/hailong.mjs'), 'export', 'responses', '--period', year, '--format', format, '--out', out], { DATABASE_URL: file })
    const exported = /exported (\d+)/.exec(r.stdout)?.[1] ?? '?'
    const [secs, mb] = format === 'csv' ? [20, 256] : [90, 512]
    const scaled = size === 1_000_000 ? '' : ` (${exported} rows; targets are for 1M)`
    add(
      'Export',
      `${format.toUpperCase()} of ${Number(exported).toLocaleString('en-US')} responses: seconds / peak RSS MB${scaled}`,
      `${fmt(r.seconds)} / ${fmt(r.peakMb, 0)}`,
      `≤ ${secs} s, ≤ ${mb} MB`,
      r.seconds <= secs && r.peakMb <= mb,
    )
  }
}

async function weight() {
  await ensureWebBuilt({ quiet: true })
  const kiosk = firstLoadBytes('kiosk.html')
  add('Page weight', 'kiosk first load, JS+CSS gzip (bytes)', kiosk.toLocaleString('en-US'), '≤ 20,480', kiosk <= 20_480)
  add('Page weight', 'staff app first load, JS+CSS gzip (bytes)', firstLoadBytes('index.html').toLocaleString('en-US'))
}

console.log(`hailong bench${quick ? ' (quick)' : ''} — ${os.cpus().length} cores, ${fmt(os.totalmem() / 2 ** 30, 0)} GiB`)
await weight()
await intakeAndDrain()
await intakeWithAlerts()
await reports()
await exports()

const table = [
  '| area | measure | value | target | verdict |',
  '|---|---|---|---|---|',
  ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.value} | ${r.target} | ${r.verdict} |`),
].join('\n')
console.log(`\n${table}`)
if (!quick) {
  const doc = path.join(ROOT, 'docs/benchmarks.md')
  const header = `# Benchmarks\n\nRun: ${new Date().toISOString()} · ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${fmt(os.totalmem() / 2 ** 30, 0)} GiB · Node ${process.version} · \`npm run bench\`\n\n`
  const notes = fs.existsSync(doc) ? (fs.readFileSync(doc, 'utf8').split('\n## Notes')[1] ?? '') : ''
  fs.writeFileSync(doc, `${header}${table}\n\n## Notes${notes || '\n'}`)
  console.log(`\n→ ${path.relative(process.cwd(), doc)}`)
}
