// Generates a Ministry-level database for the national bench: 34 provinces, their departments and
// 3,321 communes (about 10,000 desks), the three instruments, N responses over 8 quarters:
//   npx tsx scripts/generate-national.ts --responses 10000000 --out /tmp/national.db
//   npx tsx scripts/generate-national.ts --responses 1000000 --out postgres://postgres@127.0.0.1:5432/national
// Like scripts/generate.ts it writes responses, answers and the rollups straight to the database (a
// generator's job is volume), the rollups being the cells intake would write. Secondary indexes of
// responses and answers are dropped while loading and built again at the end: sorting once is far
// cheaper than keeping ten indexes up to date row by row.
import { randomUUID } from 'node:crypto'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { sql, type Kysely } from 'kysely'
import { insertAgency } from '../server/agencies/repository.ts'
import { boot } from '../server/boot.ts'
import type { Database } from '../server/db/schema.ts'
import { insertDesk } from '../server/desks/repository.ts'
import type { Answers } from '../server/domain/answers.ts'
import { parsePeriod, periodBounds, quarterOf, shiftQuarter } from '../server/domain/periods.ts'
import { rollupCells } from '../server/domain/rollup-cells.ts'
import type { SurveyDefinition } from '../server/domain/survey-definition.ts'
import { readEnv } from '../server/env.ts'
import { newToken } from '../server/lib/tokens.ts'
import { answerRows } from '../server/responses/answer-rows.ts'
import { refillAgencyRollups } from '../server/rollups/repository.ts'
import { SurveyCatalog } from '../server/surveys/catalog.ts'
import { mulberry32, nationalAgencies } from './national-structure.ts'

export interface NationalOptions {
  responses: number
  provinces?: number
  quarters?: number
  onProgress?: (done: number) => void
}

type Channel = 'kiosk' | 'qr' | 'paper'
interface Row {
  id: number
  sv: number
  agency: number
  desk: number | null
  channel: Channel
  at: string
  quarter: string
  answers: Answers
}

/** Row writers for the two databases: prepared statements on SQLite, multi-row unnest inserts on PostgreSQL. */
interface Writer {
  responses(rows: Row[]): Promise<void>
  rollups(cells: Map<string, number>): Promise<void>
  finish(): Promise<void>
}

const BATCH = 5000

export async function generateNational(url: string, opts: NationalOptions) {
  const onPg = url.startsWith('postgres')
  if (!onPg) for (const suffix of ['', '-wal', '-shm']) fs.rmSync(url + suffix, { force: true })
  const opened = await boot({ ...readEnv({}), DATABASE_URL: url, HAILONG_SQLITE_SYNC: 'NORMAL' })
  const { db, sqlite } = opened
  try {
    const now = new Date()
    const at = now.toISOString()
    const structure = nationalAgencies(opts.provinces)
    const ids = new Map<string, number>()
    const units: Array<{ id: number; kind: string; quality: number; sipas: boolean; desks: number[] }> = []
    await db.transaction().execute(async (trx) => {
      for (const a of structure) {
        const id = await insertAgency(trx, { code: a.code, name: a.name, kind: a.kind, parentId: a.parent ? ids.get(a.parent)! : null, at })
        ids.set(a.code, id)
        const desks: number[] = []
        for (let d = 1; d <= a.desks; d++) desks.push(await insertDesk(trx, { agencyId: id, code: `MC-0${d}`, name: `Quầy Một cửa số ${d}`, publicToken: newToken('desk'), at }))
        if (a.desks) units.push({ id, kind: a.kind, quality: a.quality, sipas: a.sipas, desks })
      }
    })
    const catalog = new SurveyCatalog(db)
    const surveys = await Promise.all(['mot-cua@1', 'tt01-2018@1', 'sipas-2017@1'].map(async (k) => (await catalog.byKey(k))!))
    const [motCua, tt01, sipas] = surveys as [(typeof surveys)[number], (typeof surveys)[number], (typeof surveys)[number]]
    const defs = new Map<number, SurveyDefinition>(surveys.map((s) => [s.id, s.definition]))
    // Each desk equally busy: an agency's share of the responses follows its desks.
    const desks = units.flatMap((u) => u.desks.map((d) => ({ unit: u, desk: d })))
    const count = opts.quarters ?? 8
    const quarters = Array.from({ length: count }, (_, i) => shiftQuarter(quarterOf(now, 'Asia/Ho_Chi_Minh'), i - count + 1))

    const writer = onPg ? await pgWriter(db) : sqliteWriter(sqlite!)
    const rand = mulberry32(7)
    const rating = (q: number) => (rand() < q ? (rand() < 0.55 ? 5 : 4) : 1 + Math.floor(rand() * 3))
    let nextId = 1
    let done = 0
    for (const [qi, quarter] of quarters.entries()) {
      const b = periodBounds(parsePeriod(quarter), 'Asia/Ho_Chi_Minh')
      const end = Math.min(b.end.getTime(), now.getTime()) - 1000
      const n = Math.floor(opts.responses / count) + (qi < opts.responses % count ? 1 : 0)
      // Counted per quarter and written when the quarter is done: the cells of one quarter fit in memory.
      const cells = new Map<string, number>()
      let batch: Row[] = []
      for (let i = 0; i < n; i++) {
        const { unit, desk } = desks[Math.floor(rand() * desks.length)]!
        const q = unit.quality
        const pick = rand()
        let row: Row
        // In time order, so the rebuilt indexes on submitted_at are filled in order too.
        const when = new Date(b.start.getTime() + ((i + rand()) / n) * (end - b.start.getTime())).toISOString()
        if (pick >= 0.85 && unit.sipas) {
          const answers: Answers = {}
          for (const id of [
            'tc1',
            'tc2',
            'tc3',
            'tc4',
            'tt1',
            'tt2',
            'tt3',
            'tt4',
            'tt5',
            'cc1',
            'cc2',
            'cc3',
            'cc4',
            'cc5',
            'cc6',
            'kq1',
            'kq2',
            'kq3',
            'gy1',
            'gy2',
            'gy3',
            'gy4',
            'hl_chung',
          ])
            if (rand() < 0.97) answers[id] = rating(q)
          answers.mong_doi = ['md1', 'md2', 'md3', 'md4', 'md5', 'md6'].filter(() => rand() < 0.25)
          if (!(answers.mong_doi as string[]).length) delete answers.mong_doi
          answers.gioi_tinh = rand() < 0.5 ? 'nam' : 'nu'
          answers.nhom_tuoi = ['18-25', '26-35', '36-45', '46-60', 'tren-60'][Math.floor(rand() * 5)]!
          row = { id: nextId++, sv: sipas.id, agency: unit.id, desk: null, channel: 'paper', at: when, quarter, answers }
        } else if (pick >= 0.65 && pick < 0.85) {
          const answers: Answers = {}
          for (const id of ['cs1', 'cs2', 'cs3', 'cs4', 'cs7']) answers[id] = rand() < q ? 2 : rand() < 0.6 ? 1 : 0
          row = { id: nextId++, sv: tt01.id, agency: unit.id, desk, channel: rand() < 0.7 ? 'kiosk' : 'qr', at: when, quarter, answers }
        } else {
          const overall = rating(q)
          const answers: Answers = { overall }
          if (rand() < 0.6) answers.staff = rand() < q ? 5 : 3
          if (rand() < 0.5) answers.time = rand() < q ? 4 : 2
          if (overall <= 3 && rand() < 0.7) answers.reasons = ['wait', 'complex', 'attitude', 'guidance'].filter(() => rand() < 0.4)
          if (Array.isArray(answers.reasons) && !answers.reasons.length) delete answers.reasons
          const c = rand()
          const channel: Channel = c < 0.6 ? 'kiosk' : c < 0.8 ? 'qr' : 'paper'
          row = { id: nextId++, sv: motCua.id, agency: unit.id, desk: channel === 'paper' ? null : desk, channel, at: when, quarter, answers }
        }
        const bucket = `${quarter}\u0000${row.sv}\u0000${row.agency}\u0000${row.desk ?? 0}\u0000${row.channel}`
        for (const c of rollupCells(defs.get(row.sv)!, row.answers)) {
          const key = `${bucket}\u0000${c.question}\u0000${c.value}`
          cells.set(key, (cells.get(key) ?? 0) + 1)
        }
        batch.push(row)
        if (batch.length === BATCH) {
          await writer.responses(batch)
          done += batch.length
          batch = []
          opts.onProgress?.(done)
        }
      }
      if (batch.length) await writer.responses(batch)
      done += batch.length
      opts.onProgress?.(done)
      await writer.rollups(cells)
    }
    await writer.finish()
    await refillAgencyRollups(db)
    return { quarters, agencies: structure.length, desks: desks.length }
  } finally {
    await opened.close()
  }
}

const RESPONSE_COLUMNS = 'id, submission_id, survey_version_id, agency_id, desk_id, channel, procedure_code, submitted_at, received_at, quarter, payload_hash'
const ROLLUP_COLUMNS = 'quarter, survey_version_id, agency_id, desk_id, channel, procedure_code, question_id, value, count'
const splitCell = (key: string) => key.split('\u0000')

function sqliteWriter(sqlite: SqliteDatabase): Writer {
  sqlite.pragma('synchronous = OFF')
  sqlite.pragma('cache_size = -1000000')
  const indexes = sqlite.prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name in ('responses', 'answers') and sql is not null`).all() as Array<{
    name: string
    sql: string
  }>
  for (const i of indexes) sqlite.exec(`drop index ${i.name}`)
  const insertResponse = sqlite.prepare(`insert into responses (${RESPONSE_COLUMNS}) values (?, ?, ?, ?, ?, ?, null, ?, ?, ?, 'generated')`)
  const insertAnswer = sqlite.prepare(`insert into answers (response_id, question_id, value_num, value_text, value_folded) values (?, ?, ?, ?, ?)`)
  const insertCell = sqlite.prepare(`insert into rollups (${ROLLUP_COLUMNS}) values (?, ?, ?, ?, ?, '', ?, ?, ?)`)
  return {
    async responses(rows) {
      sqlite.transaction(() => {
        for (const r of rows) {
          insertResponse.run(r.id, randomUUID(), r.sv, r.agency, r.desk, r.channel, r.at, r.at, r.quarter)
          for (const a of answerRows(r.answers)) insertAnswer.run(r.id, a.question_id, a.value_num, a.value_text, a.value_text)
        }
      })()
    },
    async rollups(cells) {
      sqlite.transaction(() => {
        for (const [key, n] of cells) {
          const [quarter, sv, agency, desk, channel, question, value] = splitCell(key)
          insertCell.run(quarter, Number(sv), Number(agency), Number(desk), channel, question, value, n)
        }
      })()
    },
    async finish() {
      for (const i of indexes) sqlite.exec(i.sql)
      sqlite.exec('analyze')
      sqlite.pragma('wal_checkpoint(TRUNCATE)')
    },
  }
}

async function pgWriter(db: Kysely<Database>): Promise<Writer> {
  // Indexes that back a constraint (primary keys, unique columns) stay; the others are built at the end.
  const { rows: indexes } = await sql<{ name: string; def: string }>`
    select i.indexname as name, i.indexdef as def from pg_indexes i
    where i.schemaname = current_schema() and i.tablename in ('responses', 'answers')
      and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`.execute(db)
  for (const i of indexes) await sql.raw(`drop index "${i.name}"`).execute(db)
  return {
    async responses(rows) {
      const answers = rows.flatMap((r) => answerRows(r.answers).map((a) => ({ ...a, response: r.id })))
      await db.transaction().execute(async (trx) => {
        await sql`insert into responses (${sql.raw(RESPONSE_COLUMNS)})
          select id, sub, sv, ag, dk, ch, null, at, at, qu, 'generated' from unnest(
            ${rows.map((r) => r.id)}::int[], ${rows.map(() => randomUUID())}::text[], ${rows.map((r) => r.sv)}::int[], ${rows.map((r) => r.agency)}::int[],
            ${rows.map((r) => r.desk)}::int[], ${rows.map((r) => r.channel)}::text[], ${rows.map((r) => r.at)}::text[], ${rows.map((r) => r.quarter)}::text[]
          ) as t(id, sub, sv, ag, dk, ch, at, qu)`.execute(trx)
        await sql`insert into answers (response_id, question_id, value_num, value_text, value_folded)
          select r, q, n, t, t from unnest(${answers.map((a) => a.response)}::int[], ${answers.map((a) => a.question_id)}::text[],
            ${answers.map((a) => a.value_num)}::int[], ${answers.map((a) => a.value_text)}::text[]) as x(r, q, n, t)`.execute(trx)
      })
    },
    async rollups(cells) {
      const all = [...cells].map(([key, n]) => [...splitCell(key), n] as const)
      for (let i = 0; i < all.length; i += 20_000) {
        const part = all.slice(i, i + 20_000)
        await sql`insert into rollups (${sql.raw(ROLLUP_COLUMNS)})
          select qu, sv, ag, dk, ch, '', q, v, n from unnest(${part.map((c) => c[0])}::text[], ${part.map((c) => Number(c[1]))}::int[],
            ${part.map((c) => Number(c[2]))}::int[], ${part.map((c) => Number(c[3]))}::int[], ${part.map((c) => c[4])}::text[],
            ${part.map((c) => c[5])}::text[], ${part.map((c) => c[6])}::text[], ${part.map((c) => c[7])}::int[]) as x(qu, sv, ag, dk, ch, q, v, n)`.execute(db)
      }
    },
    async finish() {
      for (const i of indexes) await sql.raw(i.def).execute(db)
      await sql`select setval(pg_get_serial_sequence('responses', 'id'), (select max(id) from responses))`.execute(db)
      await sql`analyze`.execute(db)
    },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { responses: { type: 'string', default: '100000' }, provinces: { type: 'string', default: '34' }, out: { type: 'string', default: './data/national.db' } },
  })
  const total = Number(values.responses)
  const started = Date.now()
  const r = await generateNational(values.out!, {
    responses: total,
    provinces: Number(values.provinces),
    onProgress: (done) => process.stderr.write(`\rgenerate: ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}  ${((Date.now() - started) / 1000).toFixed(0)} s`),
  })
  process.stderr.write('\n')
  console.log(`generated ${total} responses, ${r.agencies} agencies, ${r.desks} desks in ${((Date.now() - started) / 1000).toFixed(1)} s → ${values.out}`)
}
