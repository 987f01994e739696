// Generates a Ministry-level database for the national bench: 34 provinces, their departments and
// 3,321 communes (about 10,000 desks), the three instruments, N responses over 8 quarters:
//   npx tsx scripts/generate-national.ts --responses 10000000 --out /tmp/national.db
//   npx tsx scripts/generate-national.ts --responses 1000000 --out postgres://postgres@127.0.0.1:5432/national
// Like scripts/generate.ts it writes responses, answers and the rollups straight to the database (a
// generator's job is volume), the rollups being the cells intake would write. Secondary indexes of
// responses and answers are dropped while loading and built again at the end: sorting once is far
// cheaper than keeping ten indexes up to date row by row.
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { insertAgency } from '../server/agencies/repository.ts'
import { boot } from '../server/boot.ts'
import { insertDesk } from '../server/desks/repository.ts'
import type { Answers } from '../server/domain/answers.ts'
import { parsePeriod, periodBounds, quarterOf, shiftQuarter } from '../server/domain/periods.ts'
import { questionsOf } from '../server/domain/questions.ts'
import { rollupCells } from '../server/domain/rollup-cells.ts'
import type { SurveyDefinition } from '../server/domain/survey-definition.ts'
import { readEnv } from '../server/env.ts'
import { newToken } from '../server/lib/tokens.ts'
import { refillAgencyRollups } from '../server/rollups/repository.ts'
import { SurveyCatalog } from '../server/surveys/catalog.ts'
import { mulberry32, nationalAgencies } from './national-structure.ts'
import { pgWriter, sqliteWriter, type Channel, type Row } from './national/repository.ts'

export interface NationalOptions {
  responses: number
  provinces?: number
  quarters?: number
  onProgress?: (done: number) => void
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
    // The SIPAS questions come from its published definition (instruments.md is the contract), once.
    const sipasQuestions = questionsOf(sipas.definition)
    const sipasRatings = sipasQuestions.filter((q) => q.type === 'rating').map((q) => q.id)
    const expectations = sipasQuestions.find((q) => q.id === 'mong_doi')
    const sipasExpectations = expectations?.type === 'choice' ? expectations.options.map((o) => o.id) : []
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
          for (const id of sipasRatings) if (rand() < 0.97) answers[id] = rating(q)
          answers.mong_doi = sipasExpectations.filter(() => rand() < 0.25)
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
