import { sql, type RawBuilder } from 'kysely'
import { executeByShape, insertRows, withoutIndex } from '../db/repository.ts'
import type { NewResponse } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { periodBounds, type Period } from '../domain/periods.ts'
import { foldForSearch } from '../domain/text.ts'
import { REPORTABLE } from './reportable.ts'

/** The reportable rule (reportable.ts) as a condition on the responses table or its alias. */
export function reportable(table: string = 'responses'): RawBuilder<boolean> {
  return sql<boolean>`(${sql.join(
    Object.entries(REPORTABLE).map(([column, value]) => (value === null ? sql`${sql.ref(`${table}.${column}`)} is null` : sql`${sql.ref(`${table}.${column}`)} = ${value}`)),
    sql` and `,
  )})`
}

export async function findBySubmissionIds(db: Db, ids: string[]) {
  if (!ids.length) return []
  const { rows } = await executeByShape(db, `responses by submission id × ${ids.length}`, ids, () =>
    db.selectFrom('responses').select(['id', 'submission_id', 'payload_hash']).where('submission_id', 'in', ids).compile(),
  )
  return rows
}

/** Inserts many responses with one statement per chunk; returns their ids by submission id. */
export async function insertResponses(db: Db, rows: NewResponse[]) {
  const ids = new Map<string, number>()
  for (let i = 0; i < rows.length; i += 200) {
    // RETURNING does not promise the order of the rows, so ids are matched by submission id.
    for (const r of await insertRows(db, 'responses', rows.slice(i, i + 200), ['id', 'submission_id'])) ids.set(r.submission_id, r.id)
  }
  return ids
}

export async function insertAnswers(db: Db, rows: Array<{ response_id: number; question_id: string; value_num: number | null; value_text: string | null }>) {
  const folded = rows.map((r) => ({ ...r, value_folded: r.value_text === null ? null : foldForSearch(r.value_text) }))
  for (let i = 0; i < folded.length; i += 500) await insertRows(db, 'answers', folded.slice(i, i + 500))
}

export function countResponses(db: Db) {
  return db
    .selectFrom('responses')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
    .then((r) => Number(r.n))
}

/** The answers of the responses with ids in [firstId, lastId], grouped by response: for paging over the table. */
export async function answersByResponse(db: Db, firstId: number, lastId: number) {
  const rows = await db
    .selectFrom('answers')
    .select(['response_id', 'question_id', 'value_num', 'value_text'])
    .where('response_id', '>=', firstId)
    .where('response_id', '<=', lastId)
    .execute()
  const grouped = new Map<number, typeof rows>()
  for (const a of rows) (grouped.get(a.response_id) ?? grouped.set(a.response_id, []).get(a.response_id)!).push(a)
  return grouped
}

/** Just enough of a response to check who may act on it. */
export function findResponseOwner(db: Db, id: number) {
  return db.selectFrom('responses').select(['id', 'agency_id']).where('id', '=', id).executeTakeFirst()
}

/** How many responses each survey version has (a version with answers is history). */
export async function countResponsesByVersion(db: Db) {
  const used = await db
    .selectFrom('responses')
    .select(['survey_version_id', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('survey_version_id')
    .execute()
  return new Map(used.map((u) => [u.survey_version_id, Number(u.n)]))
}

/** Whole responses after `afterId`, in id order: for walking the table page by page. */
export function responsePage(db: Db, afterId: number, limit: number) {
  return db.selectFrom('responses').selectAll().where('id', '>', afterId).orderBy('id').limit(limit).execute()
}

export async function setResponseQuarter(db: Db, id: number, quarter: string) {
  await db.updateTable('responses').set({ quarter }).where('id', '=', id).execute()
}

export function findResponse(db: Db, id: number) {
  return db.selectFrom('responses').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function setResponseStatus(db: Db, id: number, s: { is_spam: number; is_flagged: number; is_test: number; flag_reason: string | null }) {
  await db.updateTable('responses').set(s).where('id', '=', id).execute()
}

export function answersOf(db: Db, responseId: number) {
  return db.selectFrom('answers').select(['question_id', 'value_num', 'value_text']).where('response_id', '=', responseId).execute()
}

/** A stretch of one kiosk's responses, by tap time (`submitted_at`) or arrival time (`received_at`): (from, to]. */
export interface KioskWindow {
  kioskId: number
  column: 'submitted_at' | 'received_at'
  from: Date
  to: Date
  /** Only the responses tapped after this instant. */
  tappedAfter?: Date
}

/**
 * How many responses each window holds, counted up to `cap`: the burst signals only ask whether a limit is
 * reached, and a tablet already over it (the rows are still stored, flagged) must not make each new rating
 * scan its whole minute. One statement answers a whole group's windows (each an index range of its own),
 * where a statement per rating cost more in building and preparing than in reading.
 */
export async function countKioskWindows(db: Db, windows: KioskWindow[], cap: number): Promise<number[]> {
  const counts: number[] = []
  const limit = literalLimit(cap)
  // SQLite takes at most 500 selects in one compound statement.
  for (let first = 0; first < windows.length; first += 100) {
    const chunk = windows.slice(first, first + 100)
    // The SQL depends only on each window's kind: the shape names them, runs of one kind counted.
    const kinds = chunk.map((w) => `${w.column}${w.tappedAfter ? '+' : ''}`)
    const shape = `kiosk windows ${cap} from ${first}: ${kinds.map((k, i) => (k === kinds[i - 1] ? '' : `${i}:${k} `)).join('')}× ${chunk.length}`
    const parameters = chunk.flatMap((w) => [w.kioskId, w.from.toISOString(), w.to.toISOString(), ...(w.tappedAfter ? [w.tappedAfter.toISOString()] : [])])
    const { rows } = await executeByShape(db, shape, parameters, () => {
      const selects = chunk.map((w, i) => {
        const at = sql.ref(w.column)
        const tapped = w.tappedAfter ? sql` and submitted_at > ${w.tappedAfter.toISOString()}` : sql``
        return sql`select ${sql.lit(first + i)} as i, (select count(*) from (select 1 from responses where kiosk_id = ${w.kioskId} and ${at} > ${w.from.toISOString()} and ${at} <= ${w.to.toISOString()}${tapped} limit ${limit}) w) as n`
      })
      return sql<{ i: number; n: number }>`${sql.join(selects, sql` union all `)}`.compile(db)
    })
    for (const r of rows) counts[Number(r.i)] = Number(r.n)
  }
  return counts
}

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
 * Citizens' comments for review, newest first, with the rating beside them. The search compares folded
 * text with folded text (value_folded, foldForSearch: NFC and lower case), so `đợi` finds `Đợi lâu` and
 * words typed in decomposed form (NFD) are found too, the same on SQLite and PostgreSQL.
 */
export async function listComments(db: Db, query: CommentQuery) {
  let q = db
    .selectFrom('answers as c')
    .innerJoin('responses as r', 'r.id', 'c.response_id')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .leftJoin('desks as d', 'd.id', 'r.desk_id')
    .where('c.question_id', '=', 'comment')
    // Text removed at the end of its retention period is gone; the rating stays in the index.
    .where('c.value_text', 'is not', null)
    .where('r.deleted_at', 'is', null)
  if (query.agencyIds) q = q.where('r.agency_id', 'in', query.agencyIds.length ? query.agencyIds : [-1])
  if (query.q?.trim()) {
    const pattern = `%${foldForSearch(query.q.trim()).replace(/[%_\\]/g, (m) => `\\${m}`)}%`
    // A hidden text is never found by its words either.
    q = q.where('r.text_hidden', '=', 0).where(sql<boolean>`c.value_folded like ${pattern} escape '\\'`)
  }
  if (query.period) {
    const { start, end } = periodBounds(query.period, query.timeZone)
    q = q.where('r.submitted_at', '>=', start.toISOString()).where('r.submitted_at', '<', end.toISOString())
  }
  if (query.status === 'spam') q = q.where('r.is_spam', '=', 1)
  if (query.status === 'flagged') q = q.where('r.is_flagged', '=', 1)
  if (query.status === 'counted') q = q.where(reportable('r'))
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
      'r.text_hidden as textHidden',
    ])
    .orderBy('r.submitted_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(query.limit)
    .offset(query.offset)
    .execute()
  // A hidden text (abuse, personal data) leaves the screen; the rating beside it still counts.
  return {
    total: Number(total.n),
    items: items.map((i) => ({ ...i, text: i.textHidden ? null : i.text, textHidden: i.textHidden === 1, spam: i.spam === 1, flagged: i.flagged === 1 })),
  }
}

/**
 * Reportable responses of some survey versions submitted in [start, end), after `afterId`, in id order.
 * The period is a filter, not an index range: the table is read sequentially (see withoutIndex), which for
 * a long export is far faster than following the submitted_at index to scattered rows.
 */
export function reportableResponsesPage(db: Db, q: { afterId: number; start: string; end: string; surveyVersionIds: number[]; limit: number }) {
  const at = withoutIndex(db, 'submitted_at')
  return db
    .selectFrom('responses')
    .select(['id', 'submission_id', 'survey_version_id', 'agency_id', 'desk_id', 'channel', 'procedure_code', 'submitted_at'])
    .where('id', '>', q.afterId)
    .where(sql<boolean>`${at} >= ${q.start}`)
    .where(sql<boolean>`${at} < ${q.end}`)
    .where('survey_version_id', 'in', q.surveyVersionIds.length ? q.surveyVersionIds : [-1])
    .where(reportable())
    .orderBy('id')
    .limit(q.limit)
    .execute()
}

/**
 * Desks' latest kiosk ratings since an instant each, newest first, by tap time and by arrival time: for
 * every desk of a group in one statement (each part an index range of its own, in its own order).
 */
export async function recentDeskRatings(db: Db, desks: Array<{ deskId: number; since: Date }>, limit: number) {
  const newest = literalLimit(limit)
  const found = new Map(desks.map((d) => [d.deskId, { tapped: [] as DeskRating[], arrived: [] as DeskRating[] }]))
  // Two selects a desk; SQLite takes at most 500 in one compound statement.
  for (let first = 0; first < desks.length; first += 100) {
    const chunk = desks.slice(first, first + 100)
    const parameters = chunk.flatMap(({ deskId, since }) => [deskId, since.toISOString(), deskId, since.toISOString()])
    const { rows } = await executeByShape(db, `desk ratings ${limit} from ${first} × ${chunk.length}`, parameters, () => {
      const parts = chunk.flatMap(({ deskId, since }, i) =>
        (['submitted_at', 'received_at'] as const).map(
          (at, byArrival) =>
            sql`select * from (select ${sql.lit(first + i)} as d, ${sql.lit(byArrival)} as by_arrival, submitted_at, received_at, is_top from responses where desk_id = ${deskId} and channel = 'kiosk' and ${sql.ref(at)} > ${since.toISOString()} order by ${sql.ref(at)} desc limit ${newest}) ${sql.id(`t${i}_${byArrival}`)}`,
        ),
      )
      return sql<DeskRating & { d: number; by_arrival: number }>`${sql.join(parts, sql` union all `)}`.compile(db)
    })
    for (const { d, by_arrival, ...r } of rows) {
      const seen = found.get(desks[Number(d)]!.deskId)!
      ;(Number(by_arrival) ? seen.arrived : seen.tapped).push(r)
    }
  }
  return found
}

/**
 * A LIMIT written into the statement rather than bound: SQLite plans for a bound LIMIT's value, so it
 * prepares such a statement again every time it runs with new values (sqlite3ExprIsInteger marks the
 * variable), which for the writer's compound counts cost more than the counting itself.
 */
function literalLimit(n: number) {
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`not a row limit: ${n}`)
  return sql.lit(n)
}

interface DeskRating {
  submitted_at: string
  received_at: string
  is_top: number
}
