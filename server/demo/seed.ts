import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import { randomUUID } from 'node:crypto'
import { insertAgency, listAgencies } from '../agencies/repository.ts'
import type { Channel } from '../db/schema.ts'
import { insertDesk } from '../desks/repository.ts'
import { createDemoKiosk } from '../kiosks/demo.ts'
import type { AnswerValue } from '../domain/answers.ts'
import { shiftQuarter, parsePeriod, periodBounds, quarterOf } from '../domain/periods.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'
import { questionsOf } from '../domain/questions.ts'
import type { Clock } from '../lib/clock.ts'
import { newToken } from '../lib/tokens.ts'
import { prepareResponse, storeResponses, type PreparedResponse } from '../responses/service.ts'
import { SurveyCatalog } from '../surveys/catalog.ts'
import { demoAgencies, demoDesks } from './agencies.ts'
import { seedDemoUsers } from './users.ts'

/** Deterministic pseudo-random numbers, so the demo looks the same on every machine. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export interface DemoInfo {
  agencies: number
  desks: number
  responses: number
  quarters: string[]
}

function rating(rand: () => number, quality: number): number {
  const r = rand()
  if (r < quality) return rand() < 0.55 ? 5 : 4
  return rand() < 0.45 ? 3 : rand() < 0.6 ? 2 : 1
}

function answersFor(def: SurveyDefinition, rand: () => number, quality: number): Record<string, AnswerValue> {
  const answers: Record<string, AnswerValue> = {}
  for (const q of questionsOf(def)) {
    if (q.visibleIf && !(q.visibleIf.question in answers && (answers[q.visibleIf.question] as number) <= Number(q.visibleIf.value))) continue
    if (!q.required && rand() < 0.12) continue
    if (q.type === 'rating') answers[q.id] = rating(rand, quality + (rand() - 0.5) * 0.1)
    else if (q.type === 'points') answers[q.id] = rand() < quality ? (rand() < 0.4 ? 2 : 1) : 0
    else if (q.type === 'choice') {
      const pick = q.options.filter(() => rand() < 0.3).map((o) => o.id)
      const max = q.multiple ? (q.maxChoices ?? pick.length) : 1
      const chosen = pick.slice(0, Math.max(1, max))
      if (!chosen.length) continue
      answers[q.id] = q.multiple ? chosen : chosen[0]!
    } else if (q.id === 'comment' && rand() < 0.15) {
      answers[q.id] = quality > 0.85 ? 'Cán bộ hướng dẫn nhiệt tình, chu đáo.' : 'Phải chờ khá lâu, mong bố trí thêm quầy.'
    }
  }
  return answers
}

/**
 * On first start only (no agencies yet): a demo province with departments, communes, desks and a few
 * thousand synthetic responses over the last four quarters, so that every page has something to show.
 */
export async function seedDemoIfEmpty(db: Db, opts: { timeZone: string; clock: Clock }): Promise<DemoInfo | null> {
  if ((await listAgencies(db)).length) return null
  const now = opts.clock.now()
  const at = now.toISOString()
  const rand = mulberry32(20251)
  const catalog = new SurveyCatalog(db)
  const ids = new Map<string, number>()
  let deskCount = 0
  const desksByAgency = new Map<string, number[]>()
  await inTransaction(db, async (trx) => {
    for (const a of demoAgencies) ids.set(a.code, await insertAgency(trx, { code: a.code, name: a.name, kind: a.kind, parentId: a.parent ? ids.get(a.parent)! : null, at }))
    for (const a of demoAgencies.filter((x) => x.kind !== 'province')) {
      for (const d of demoDesks[a.code] ?? demoDesks.default!) {
        const id = await insertDesk(trx, { agencyId: ids.get(a.code)!, code: d.code, name: d.name, publicToken: newToken('desk'), at })
        desksByAgency.set(a.code, [...(desksByAgency.get(a.code) ?? []), id])
        deskCount++
      }
    }
  })

  const firstDesk = [...desksByAgency.values()][0]?.[0]
  if (firstDesk !== undefined) await createDemoKiosk(db, firstDesk, now)

  const current = quarterOf(now, opts.timeZone)
  const quarters = [-3, -2, -1, 0].map((o) => shiftQuarter(current, o))
  const plan: Array<{ key: string; perAgency: number }> = [
    { key: 'mot-cua@1', perAgency: 50 },
    { key: 'sipas-2017@1', perAgency: 36 },
    { key: 'tt01-2018@1', perAgency: 8 },
  ]
  const channels: Channel[] = ['kiosk', 'kiosk', 'kiosk', 'qr', 'paper']
  const prepared: PreparedResponse[] = []
  for (const [qi, quarter] of quarters.entries()) {
    const { start, end } = periodBounds(parsePeriod(quarter), opts.timeZone)
    const last = Math.min(end.getTime(), now.getTime())
    for (const a of demoAgencies.filter((x) => x.kind !== 'province')) {
      // Agencies improve a little each quarter, and one slips, so that rank changes show.
      const quality = Math.min(0.97, a.quality + qi * 0.012 - (a.code === 'SXD' ? qi * 0.03 : 0))
      const desks = desksByAgency.get(a.code) ?? []
      for (const p of plan) {
        const count = Math.round(p.perAgency * (0.7 + rand() * 0.6) * (a.code === 'UBND-XA-SONG-MA' && p.key === 'mot-cua@1' ? 0.4 : 1))
        const version = (await catalog.byKey(p.key))!
        for (let i = 0; i < count; i++) {
          const givenAt = new Date(start.getTime() + rand() * (last - start.getTime()))
          const channel = p.key === 'mot-cua@1' ? channels[Math.floor(rand() * channels.length)]! : p.key === 'tt01-2018@1' ? 'web' : 'paper'
          const deskId = channel === 'paper' || channel === 'web' ? null : (desks[Math.floor(rand() * desks.length)] ?? null)
          prepared.push(
            await prepareResponse(
              catalog,
              now,
              { kind: 'import', agencyId: ids.get(a.code)!, deskId, channel, trustsClientTime: true },
              {
                submissionId: randomUUID(),
                survey: version.key,
                answers: answersFor(version.definition, rand, quality),
                givenAt,
              },
            ),
          )
        }
      }
    }
  }
  await inTransaction(db, (trx) => storeResponses(trx, prepared, { now, timeZone: opts.timeZone }))
  await seedDemoUsers(db, now)
  return { agencies: demoAgencies.length, desks: deskCount, responses: prepared.length, quarters }
}
