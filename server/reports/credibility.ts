import type { Db } from '../db/types.ts'
import { ANSWERED, computeIndex, emptyCounts, type UnitCounts } from '../domain/indices.ts'
import { rollupCells } from '../domain/rollup-cells.ts'
import type { IndexRules } from '../domain/survey-definition.ts'
import { answersFromRows } from '../responses/answer-rows.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { answersOfResponses, integrityCounts, receiptResponses } from './repository.ts'
import { countsBy, excludedByAgency } from './service.ts'

const PAGE = 1000

/**
 * The credibility panel of one agency and period: where its ratings came from, how many were held back,
 * excluded or late, and its index on receipt-code answers alone (citizens at home, one code per dossier)
 * beside the index on all answers. Desk-tablet ratings far above the receipt index are worth a look.
 */
export async function credibility(db: Db, catalog: SurveyCatalog, input: { agencyId: number; rules: IndexRules; versionIds: number[]; quarters: string[] }) {
  const filter = { surveyVersionIds: input.versionIds, quarters: input.quarters, agencyIds: [input.agencyId] }
  const byChannel = await countsBy(db, filter, 'channel')
  const all = (await countsBy(db, filter, 'agency')).get(input.agencyId)
  const total = [...byChannel.values()].reduce((s, c) => s + c.responses, 0)
  // Receipt answers are not a rollup dimension (they share the `qr` channel with desk links): read them.
  const receipt: UnitCounts = emptyCounts()
  const rows = await receiptResponses(db, input.agencyId, input.versionIds, input.quarters)
  for (let i = 0; i < rows.length; i += PAGE) {
    const page = rows.slice(i, i + PAGE)
    const answers = await answersOfResponses(
      db,
      page.map((r) => r.id),
    )
    const byResponse = new Map<number, typeof answers>()
    for (const a of answers) (byResponse.get(a.response_id) ?? byResponse.set(a.response_id, []).get(a.response_id)!).push(a)
    for (const r of page) {
      const def = (await catalog.get(r.survey_version_id, db))!.definition
      for (const cell of rollupCells(def, answersFromRows(def, byResponse.get(r.id) ?? []))) {
        if (cell.question === ANSWERED) receipt.responses++
        else {
          const q = (receipt.questions[cell.question] ??= {})
          q[cell.value] = (q[cell.value] ?? 0) + 1
        }
      }
    }
  }
  const counts = await integrityCounts(db, input.agencyId, input.versionIds, input.quarters)
  const receiptIndex = receipt.responses ? computeIndex(input.rules, receipt) : null
  const allIndex = all ? computeIndex(input.rules, all) : null
  return {
    n: total,
    channels: [...byChannel.entries()].map(([channel, c]) => ({ channel: String(channel), n: c.responses, share: total ? (100 * c.responses) / total : 0 })),
    flagged: counts.flagged,
    excluded: counts.excluded,
    excludedByReason: (await excludedByAgency(db, input.versionIds, input.quarters)).get(input.agencyId) ?? {},
    late: counts.late,
    receipt: { n: receipt.responses, index: receiptIndex?.index ?? null, ci95: receiptIndex?.ci95 ?? null },
    all: { n: allIndex?.n ?? 0, index: allIndex?.index ?? null, ci95: allIndex?.ci95 ?? null },
  }
}
