import { sql } from 'kysely'
import { likeIgnoringCase } from '../db/dialect.ts'
import type { Db } from '../db/types.ts'
import { periodBounds, type Period } from '../domain/periods.ts'
import { nfc } from '../domain/text.ts'

export interface CommentQuery {
  /** null: every agency (province-wide staff). */
  agencyIds: number[] | null
  q?: string
  period?: Period
  timeZone: string
  status: 'all' | 'counted' | 'spam' | 'flagged'
  limit: number
  offset: number
}

/**
 * Citizens' comments for review, newest first, with the rating beside them. The search text is NFC like
 * the stored text, so words typed in decomposed form (NFD) are found too.
 */
export async function listComments(db: Db, query: CommentQuery) {
  let q = db
    .selectFrom('answers as c')
    .innerJoin('responses as r', 'r.id', 'c.response_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('desks as d', 'd.id', 'r.desk_id')
    .where('c.question_id', '=', 'comment')
    .where('r.deleted_at', 'is', null)
  if (query.agencyIds) q = q.where('r.agency_id', 'in', query.agencyIds.length ? query.agencyIds : [-1])
  if (query.q?.trim()) {
    const pattern = `%${nfc(query.q.trim()).replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    q = q.where(sql<boolean>`c.value_text ${likeIgnoringCase(db)} ${pattern} escape '\\'`)
  }
  if (query.period) {
    const { start, end } = periodBounds(query.period, query.timeZone)
    q = q.where('r.submitted_at', '>=', start.toISOString()).where('r.submitted_at', '<', end.toISOString())
  }
  if (query.status === 'spam') q = q.where('r.is_spam', '=', 1)
  if (query.status === 'flagged') q = q.where('r.is_flagged', '=', 1)
  if (query.status === 'counted') q = q.where('r.is_spam', '=', 0).where('r.is_flagged', '=', 0).where('r.is_test', '=', 0)
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()
  const items = await q
    .leftJoin('answers as o', (j) => j.onRef('o.response_id', '=', 'r.id').on('o.question_id', 'in', ['overall', 'hl_chung']))
    .select([
      'r.id as responseId',
      'r.submitted_at as submittedAt',
      'r.channel',
      'a.code as agency',
      'a.name as agencyName',
      'd.name as deskName',
      'c.value_text as text',
      'o.value_num as rating',
      'r.is_spam as spam',
      'r.is_flagged as flagged',
      'r.flag_reason as flagReason',
    ])
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute()
  return { total: Number(total.n), items: items.map((i) => ({ ...i, spam: i.spam === 1, flagged: i.flagged === 1 })) }
}
