// The national shape (issue 20): a Ministry-level database with 34 provinces, their departments and
// 3,321 communes (about 10,000 desks), three instruments and 8 quarters. Measures the HTTP routes the
// dashboard and the agency page call, on a started node, and the dashboard's first screen in Chromium,
// on SQLite and PostgreSQL. Generated databases are kept in the OS temp dir and reused (migrated first).
import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'
import pg from 'pg'
import { chromium } from 'playwright-core'
import { backupSqlite } from '../../server/db/backup.ts'
import { openDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { listRollupQuarters } from '../../server/rollups/repository.ts'
// @ts-expect-error plain ESM helper shared with `npm start`
import { ensureWebBuilt } from '../build-web.mjs'
import { generateNational } from '../generate-national.ts'
import { PROVINCES } from '../national-structure.ts'
import { benchSession, copyRollupsFrom, fillAgencyRollupsIfEmpty, generatedWith, markGenerated, nationalFacts, postgresBytes, touchData } from '../national/repository.ts'
import { median, row, startNode, type Bench, type Row, type Section } from './lib.ts'

type BenchRow = Row

/** `npm run bench -- --only national`. */
export const national: Section = { name: 'national', run: (bench: Bench) => nationalBench(bench) }

interface Size {
  provinces: number
  responses: number
}

const fmt = (n: number, d = 1) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d })
const int = (n: number) => n.toLocaleString('en-US')

/**
 * Runs the national section. Full: 10 M responses on SQLite (and 1 M with the same rollups beside it, to
 * show that the rollup's size decides), 1 M on PostgreSQL. Quick (CI): 2 provinces, a few thousand.
 */
export async function nationalBench(opts: { quick: boolean; work: string; pgUrl?: string }): Promise<BenchRow[]> {
  const rows: BenchRow[] = []
  const add = (area: string, measure: string, value: string, target = '', ok?: boolean) => {
    rows.push(row(area, measure, value, target, ok))
  }
  const provinces = opts.quick ? 2 : PROVINCES.length
  const big: Size = { provinces, responses: opts.quick ? 20_000 : 10_000_000 }
  const small: Size = { provinces, responses: opts.quick ? 4_000 : 1_000_000 }
  const pgSize: Size = { provinces, responses: opts.quick ? 4_000 : 1_000_000 }
  await ensureWebBuilt({ quiet: true })

  const bigFile = await sqliteDatabase(opts.work, big, add)
  const smallFile = await sqliteDatabase(opts.work, small, add)
  const sameRollups = await withRollupsOf(opts.work, smallFile, bigFile, small, big)
  await measure(`SQLite, ${int(big.responses)} responses`, bigFile, add, { browser: true, targets: true, quick: opts.quick })
  await measure(`SQLite, ${int(small.responses)} responses`, smallFile, add, { browser: false, targets: false, quick: opts.quick })
  await measure(`SQLite, ${int(small.responses)} responses, rollups of ${int(big.responses)}`, sameRollups, add, { browser: false, targets: false, quick: opts.quick })

  // Quick and full sizes in databases of their own: a quick run must not throw away the full one.
  const pgUrl = opts.pgUrl ?? process.env.HAILONG_BENCH_PG ?? `postgres://postgres@127.0.0.1:5432/hailong_national${opts.quick ? '_quick' : ''}`
  const pgReady = await postgresDatabase(pgUrl, pgSize, add).catch((e: Error) => {
    add('National · PostgreSQL', 'not measured', `PostgreSQL not reachable at ${pgUrl}: ${e.message.split('\n')[0]}`)
    return false
  })
  if (pgReady) await measure(`PostgreSQL, ${int(pgSize.responses)} responses`, pgUrl, add, { browser: true, targets: true, quick: opts.quick })
  return rows
}

type Add = (area: string, measure: string, value: string, target?: string, ok?: boolean) => void

async function sqliteDatabase(work: string, size: Size, add: Add) {
  const file = path.join(work, `national-${size.provinces}-${size.responses}.db`)
  const done = `${file}.done`
  if (!fs.existsSync(done)) {
    console.log(`national: generating ${int(size.responses)} responses (${size.provinces} provinces) on SQLite…`)
    const started = Date.now()
    await generateNational(file, { ...size, onProgress: progress(size.responses) })
    if (process.stderr.isTTY) process.stderr.write('\n')
    fs.writeFileSync(done, JSON.stringify({ seconds: (Date.now() - started) / 1000 }))
  }
  const seconds = (JSON.parse(fs.readFileSync(done, 'utf8') || '{}') as { seconds?: number }).seconds
  await prepare(file)
  add(
    `National · SQLite ${int(size.responses)}`,
    'generation time (s, once, then reused) / database size (GB)',
    `${seconds ? fmt(seconds, 0) : '?'} / ${fmt(fs.statSync(file).size / 2 ** 30, 2)}`,
  )
  return file
}

const progress = (total: number) => (done: number) => {
  if (process.stderr.isTTY) process.stderr.write(`\r  ${int(done)} / ${int(total)}`)
}

/** A copy of the small database whose rollups are those of the large one: same rollup size, a tenth of N. */
async function withRollupsOf(work: string, smallFile: string, bigFile: string, small: Size, big: Size) {
  const file = path.join(work, `national-${small.provinces}-${small.responses}-rollups-of-${big.responses}.db`)
  if (!fs.existsSync(`${file}.done`)) {
    for (const s of ['', '-wal', '-shm']) fs.rmSync(file + s, { force: true })
    // Through SQLite's backup, not a file copy: the small file's latest commits (a migration just run)
    // may still be in its WAL, and the main file alone would be an older, or a half-checkpointed, state.
    const source = new SQLite(smallFile, { readonly: true })
    try {
      await backupSqlite(source, file)
    } finally {
      source.close()
    }
    const { db, close } = await openDatabase(file)
    try {
      // Same generator, same structure: agency, desk and survey ids agree between the two files.
      await copyRollupsFrom(db, bigFile)
    } finally {
      await close()
    }
    fs.writeFileSync(`${file}.done`, '')
  }
  return file
}

/** Brings a reused database to the current schema and fills the agency-level rollups if an older generator left them out. */
async function prepare(url: string) {
  const { db, close } = await openDatabase(url)
  try {
    await migrateToLatest(db)
    await fillAgencyRollupsIfEmpty(db)
  } finally {
    await close()
  }
}

async function postgresDatabase(url: string, size: Size, add: Add) {
  const target = new URL(url)
  const name = target.pathname.slice(1)
  const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: '/postgres' }).toString() })
  await admin.connect()
  try {
    const exists = (await admin.query('select 1 from pg_database where datname = $1', [name])).rowCount
    if (exists) {
      const { db, close } = await openDatabase(url)
      const reuse = await generatedWith(db, size.responses)
        .catch(() => false)
        .finally(() => close())
      if (reuse) {
        await prepare(url)
        add(`National · PostgreSQL ${int(size.responses)}`, 'generation time (s)', 'reused')
        return true
      }
      await admin.query(`drop database "${name}"`)
    }
    await admin.query(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  console.log(`national: generating ${int(size.responses)} responses (${size.provinces} provinces) on PostgreSQL…`)
  const started = Date.now()
  await generateNational(url, { ...size, onProgress: progress(size.responses) })
  if (process.stderr.isTTY) process.stderr.write('\n')
  const seconds = (Date.now() - started) / 1000
  const { db, close } = await openDatabase(url)
  try {
    await markGenerated(db, seconds)
    add(`National · PostgreSQL ${int(size.responses)}`, 'generation time (s) / database size (GB)', `${fmt(seconds, 0)} / ${fmt((await postgresBytes(db)) / 2 ** 30, 2)}`)
  } finally {
    await close()
  }
  return true
}

export async function measure(label: string, url: string, add: Add, opts: { browser: boolean; targets: boolean; quick: boolean }) {
  const area = `National · ${label}`
  const { db, close } = await openDatabase(url)
  let facts
  try {
    const quarter = (await listRollupQuarters(db))[0]!
    const sizes = await nationalFacts(db, quarter)
    facts = {
      ...sizes,
      quarter,
      admin: await benchSession(db, 'bench-bo-noi-vu', 'admin', null),
      manager: await benchSession(db, `bench-${sizes.province.toLowerCase()}`, 'manager', sizes.province),
    }
  } catch (e) {
    await close()
    throw e
  }
  add(area, 'agencies / desks', `${int(facts.agencies)} / ${int(facts.desks)}`)
  add(area, 'rollup cells: desk-level / agency-level (all quarters)', `${int(facts.rollups)} / ${int(facts.agencyRollups)}`)
  add(area, `rollup cells read per quarter, mot-cua ${facts.quarter}: desk-level / agency-level`, `${int(facts.quarterRollups)} / ${int(facts.quarterAgencyRollups)}`)

  const node = await startNode({ DATABASE_URL: url, HAILONG_ALERTS: '0' }, 180_000)
  try {
    const get = async (route: string, token: string) => {
      const res = await fetch(`${node.url}${route}`, { headers: { cookie: `hl_session=${token}` } })
      const body = await res.arrayBuffer()
      if (!res.ok) throw new Error(`${route}: ${res.status} ${Buffer.from(body).toString().slice(0, 300)}`)
      return body.byteLength
    }
    // Two figures per route. "After a rating": a rating's rollup change committed at one agency just before
    // each request (touchData), so the report must count it. "Unchanged": the same request again with
    // nothing committed in between, which the server answers from the result it kept (server/db/computed-once.ts).
    // A rating of the survey the route reports on (a mot-cua rating leaves the tt01-2018 report as it was).
    const time = async (route: string, token: string, fresh: boolean, n = opts.quick ? 3 : 11) => {
      const instrument = /\/reports\/([^/]+)\//.exec(route)?.[1] ?? 'mot-cua'
      for (let i = 0; i < (opts.quick ? 1 : 3); i++) await get(route, token) // warm-up: JIT, statement and page caches
      const samples: number[] = []
      let bytes = 0
      for (let i = 0; i < n; i++) {
        if (fresh) await touchData(db, instrument)
        const t = performance.now()
        bytes = await get(route, token)
        samples.push(performance.now() - t)
      }
      return { ms: median(samples), kb: bytes / 1024 }
    }
    const target = (ms: number, limit: number) => (opts.targets ? [`≤ ${limit}`, ms <= limit] : ['', undefined]) as [string, boolean | undefined]
    const both = async (what: string, route: string, token: string, limit: number, withKb = true) => {
      const fresh = await time(route, token, true)
      const kept = await time(route, token, false)
      const value = (r: { ms: number; kb: number }) => (withKb ? `${fmt(r.ms)}; ${fmt(r.kb, 0)}` : fmt(r.ms))
      add(area, `${what}, after a rating (ms, median${withKb ? '; JSON KB' : ''})`, value(fresh), ...target(fresh.ms, limit))
      add(area, `${what}, data unchanged (ms, median${withKb ? '; JSON KB' : ''})`, value(kept), ...target(kept.ms, limit))
    }
    for (const survey of ['mot-cua', 'tt01-2018', 'sipas-2017'])
      await both(`Ministry-wide ranking, GET /api/v1/reports/${survey}/${facts.quarter} as the Ministry admin`, `/api/v1/reports/${survey}/${facts.quarter}`, facts.admin, 100)
    // What the dashboard's first screen asks for: the first 100 rows of each ranking table.
    await both(
      `first screen's ranking, GET /api/v1/reports/mot-cua/${facts.quarter}?top=100 as the Ministry admin`,
      `/api/v1/reports/mot-cua/${facts.quarter}?top=100`,
      facts.admin,
      100,
    )
    await both(`province report, the same route as a manager of ${facts.province}`, `/api/v1/reports/mot-cua/${facts.quarter}`, facts.manager, 100)
    await both(`agency page, GET /api/v1/dashboard/agencies/${facts.commune}?survey=mot-cua`, `/api/v1/dashboard/agencies/${facts.commune}?survey=mot-cua`, facts.admin, 50, false)
    const m = await time('/api/v1/dashboard/meta', facts.admin, true)
    const t = await time('/api/v1/dashboard/trend/mot-cua?count=8', facts.admin, true)
    const tk = await time('/api/v1/dashboard/trend/mot-cua?count=8', facts.admin, false)
    add(
      area,
      'first screen\u2019s other calls, after a rating: /dashboard/meta; /dashboard/trend, 8 quarters (ms); the trend with data unchanged',
      `${fmt(m.ms)}; ${fmt(t.ms)}; ${fmt(tk.ms)}`,
    )
    if (opts.browser) {
      const screen = await firstScreen(node.url, facts.admin, () => touchData(db))
      add(
        area,
        'dashboard first screen in Chromium, after a rating: navigation start → ranking table visible (ms, median of 5)',
        fmt(screen.fresh, 0),
        ...target(screen.fresh, 300),
      )
      add(area, 'dashboard first screen in Chromium, data unchanged (ms, median of 5)', fmt(screen.kept, 0), ...target(screen.kept, 300))
      add(area, 'rows in the ranking table', int(screen.rows))
    }
  } finally {
    await node.stop()
    await close()
  }
}

/** Navigation start to the ranking table painted, as the Ministry admin, after one warm-up load; after a rating each time, then with data unchanged. */
async function firstScreen(url: string, token: string, touch: () => Promise<void>) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  })
  try {
    const context = await browser.newContext()
    await context.addCookies([{ name: 'hl_session', value: token, url }])
    // The instant the table is first in the document, taken at the next frame (when it is painted).
    await context.addInitScript(() => {
      const w = window as unknown as { __rankingAt?: number }
      new MutationObserver((_, observer) => {
        if (document.querySelector('table.ranking')) {
          observer.disconnect()
          requestAnimationFrame(() => (w.__rankingAt = performance.now()))
        }
      }).observe(document, { subtree: true, childList: true })
    })
    const page = await context.newPage()
    let rows = 0
    const load = async (fresh: boolean) => {
      const samples: number[] = []
      for (let i = 0; i < 6; i++) {
        if (fresh) await touch()
        await page.goto(`${url}/dashboard`, { waitUntil: 'commit', timeout: 120_000 })
        await page.waitForFunction(() => (window as unknown as { __rankingAt?: number }).__rankingAt !== undefined, undefined, { timeout: 120_000 })
        const at = await page.evaluate(() => (window as unknown as { __rankingAt: number }).__rankingAt)
        rows = await page.locator('table.ranking tbody tr').count()
        if (i > 0) samples.push(at)
      }
      return median(samples)
    }
    const fresh = await load(true)
    return { fresh, kept: await load(false), rows }
  } finally {
    await browser.close()
  }
}

// Alone: `npx tsx scripts/bench/national.ts [--quick]` (the full bench calls nationalBench itself).
if (import.meta.url === `file://${process.argv[1]}`) {
  const work = path.join((await import('node:os')).tmpdir(), 'hailong-bench')
  fs.mkdirSync(work, { recursive: true })
  if (process.argv.includes('--generate-only')) {
    // Prepares the 1 M SQLite and PostgreSQL databases ahead of a run (the 10 M one is generated on first need).
    const provinces = PROVINCES.length
    const noop = () => {}
    await sqliteDatabase(work, { provinces, responses: 1_000_000 }, noop)
    await postgresDatabase(process.env.HAILONG_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/hailong_national', { provinces, responses: 1_000_000 }, noop)
    process.exit(0)
  }
  const rows = await nationalBench({ quick: process.argv.includes('--quick'), work })
  console.log(
    ['| area | measure | value | target | verdict |', '|---|---|---|---|---|', ...rows.map((r) => `| ${r.area} | ${r.measure} | ${r.value} | ${r.target} | ${r.verdict} |`)].join(
      '\n',
    ),
  )
}
