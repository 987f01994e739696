// Generates a database with N synthetic responses (demo province, four quarters) for benchmarks:
//   npx tsx scripts/generate.ts --responses 1000000 --out /tmp/h-1m.db
// It writes raw responses, their answers and the rollups, in large transactions, straight through
// better-sqlite3: a generator's job is volume, and the rollups it writes are the same cells the app's
// intake would write (checked by `hailong rollups rebuild` giving the same counts).
import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import { parseArgs } from 'node:util'
import { insertAgency } from '../server/agencies/repository.ts'
import { boot } from '../server/boot.ts'
import { demoAgencies } from '../server/demo/agencies.ts'
import { insertDesk } from '../server/desks/repository.ts'
import { parsePeriod, periodBounds, quarterOf, shiftQuarter } from '../server/domain/periods.ts'
import { rollupCells } from '../server/domain/rollup-cells.ts'
import { readEnv } from '../server/env.ts'
import { newToken } from '../server/lib/tokens.ts'
import { answerRows } from '../server/responses/answer-rows.ts'
import { refillAgencyRollups } from '../server/rollups/repository.ts'
import { SurveyCatalog } from '../server/surveys/catalog.ts'

export async function generate(file: string, total: number, onProgress?: (done: number) => void) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(file + suffix, { force: true })
  const opened = await boot({ ...readEnv({}), DATABASE_URL: file, HAILONG_SQLITE_SYNC: 'NORMAL' })
  const { db, sqlite } = opened
  if (!sqlite) throw new Error('the generator writes SQLite files')
  const now = new Date()
  const at = now.toISOString()
  const agencies: Array<{ id: number; desks: number[]; quality: number }> = []
  const ids = new Map<string, number>()
  for (const a of demoAgencies) {
    const id = await insertAgency(db, { code: a.code, name: a.name, kind: a.kind, parentId: a.parent ? ids.get(a.parent)! : null, at })
    ids.set(a.code, id)
    if (a.kind === 'province') continue
    const desks = [
      await insertDesk(db, { agencyId: id, code: 'MC-01', name: 'Quầy 1', publicToken: newToken('desk'), at }),
      await insertDesk(db, { agencyId: id, code: 'MC-02', name: 'Quầy 2', publicToken: newToken('desk'), at }),
    ]
    agencies.push({ id, desks, quality: a.quality })
  }
  const catalog = new SurveyCatalog(db)
  const motCua = (await catalog.byKey('mot-cua@1'))!
  const quarters = [-3, -2, -1, 0].map((o) => shiftQuarter(quarterOf(now, 'Asia/Ho_Chi_Minh'), o))
  const bounds = quarters.map((q) => periodBounds(parsePeriod(q), 'Asia/Ho_Chi_Minh'))
  const insertResponse = sqlite.prepare(
    `insert into responses (submission_id, survey_version_id, agency_id, desk_id, channel, procedure_code, submitted_at, received_at, quarter, payload_hash) values (?, ?, ?, ?, ?, null, ?, ?, ?, ?)`,
  )
  const insertAnswer = sqlite.prepare(`insert into answers (response_id, question_id, value_num, value_text) values (?, ?, ?, ?)`)
  const cells = new Map<string, number>()
  let seed = 7
  const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff
  const channels = ['kiosk', 'kiosk', 'kiosk', 'qr', 'paper'] as const
  const BATCH = 20_000
  for (let done = 0; done < total; ) {
    const n = Math.min(BATCH, total - done)
    sqlite.transaction(() => {
      for (let i = 0; i < n; i++) {
        const a = agencies[Math.floor(rand() * agencies.length)]!
        const qi = Math.floor(rand() * quarters.length)
        const b = bounds[qi]!
        const when = new Date(b.start.getTime() + rand() * (Math.min(b.end.getTime(), now.getTime()) - b.start.getTime()))
        const overall = rand() < a.quality ? (rand() < 0.55 ? 5 : 4) : 1 + Math.floor(rand() * 3)
        const answers: Record<string, number | string[] | string> = { overall }
        if (rand() < 0.6) answers.staff = rand() < a.quality ? 5 : 3
        if (rand() < 0.5) answers.time = rand() < a.quality ? 4 : 2
        if (overall <= 3 && rand() < 0.7) answers.reasons = ['wait', 'complex'].slice(0, 1 + Math.floor(rand() * 2))
        const channel = channels[Math.floor(rand() * channels.length)]!
        const desk = channel === 'paper' ? null : a.desks[Math.floor(rand() * a.desks.length)]!
        const quarter = quarters[qi]!
        const { lastInsertRowid } = insertResponse.run(randomUUID(), motCua.id, a.id, desk, channel, when.toISOString(), at, quarter, 'generated')
        for (const r of answerRows(answers)) insertAnswer.run(lastInsertRowid, r.question_id, r.value_num, r.value_text)
        const bucket = `${quarter}\u0000${motCua.id}\u0000${a.id}\u0000${desk ?? 0}\u0000${channel}`
        for (const c of rollupCells(motCua.definition, answers)) {
          const key = `${bucket}\u0000${c.question}\u0000${c.value}`
          cells.set(key, (cells.get(key) ?? 0) + 1)
        }
      }
    })()
    done += n
    onProgress?.(done)
  }
  const insertCell = sqlite.prepare(
    `insert into rollups (quarter, survey_version_id, agency_id, desk_id, channel, procedure_code, question_id, value, count) values (?, ?, ?, ?, ?, '', ?, ?, ?)`,
  )
  sqlite.transaction(() => {
    for (const [key, count] of cells) {
      const [quarter, sv, agency, desk, channel, question, value] = key.split('\u0000')
      insertCell.run(quarter, Number(sv), Number(agency), Number(desk), channel, question, value, count)
    }
  })()
  // The agency-level cells that unfiltered reports read (migration 20), summed from the desk-level ones.
  await refillAgencyRollups(db)
  sqlite.pragma('wal_checkpoint(TRUNCATE)')
  await opened.close()
  return { quarters, file }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { responses: { type: 'string', default: '10000' }, out: { type: 'string', default: './data/generated.db' } } })
  const total = Number(values.responses)
  const started = Date.now()
  await generate(values.out!, total, (done) => {
    if (process.stderr.isTTY) process.stderr.write(`\rgenerate: ${done.toLocaleString('vi-VN')} / ${total.toLocaleString('vi-VN')} phiếu`)
  })
  if (process.stderr.isTTY) process.stderr.write('\n')
  console.log(`generated ${total} responses in ${((Date.now() - started) / 1000).toFixed(1)} s → ${values.out}`)
}
