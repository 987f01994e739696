import { sql, type Insertable, type Updateable } from 'kysely'
import type { AlertKind, AlertTable } from '../db/schema.ts'
import { insertId, insertIdUnlessPresent, placeNames } from '../db/repository.ts'
import { readOffThread, type SqliteReader } from '../db/sqlite-reader.ts'
import type { Db } from '../db/types.ts'
import { RATING_MINUTES_KEPT_MS, RATING_QUESTION } from '../domain/alert-rules.ts'
import { kioskRows } from '../kiosks/repository.ts'
import { reportable } from '../responses/repository.ts'

export function listRuleRows(db: Db) {
  return db.selectFrom('alert_rules').selectAll().execute()
}

export async function upsertRule(
  db: Db,
  r: { kind: AlertKind; scopeKey: string; agencyId: number | null; deskId: number | null; enabled: boolean; params: string; at: string; by: string },
) {
  const values = { enabled: r.enabled ? 1 : 0, params: r.params, updated_at: r.at, updated_by: r.by }
  await db
    .insertInto('alert_rules')
    .values({ kind: r.kind, scope_key: r.scopeKey, agency_id: r.agencyId, desk_id: r.deskId, ...values })
    .onConflict((oc) => oc.columns(['kind', 'scope_key']).doUpdateSet(values))
    .execute()
}

export async function deleteRule(db: Db, kind: AlertKind, scopeKey: string) {
  await db.deleteFrom('alert_rules').where('kind', '=', kind).where('scope_key', '=', scopeKey).execute()
}

/** Inserts an alert unless its window, spell or run already raised one; returns the new id or undefined. */
export function insertAlert(db: Db, a: Insertable<AlertTable>) {
  return insertIdUnlessPresent(db, 'alerts', a, 'dedup_key')
}

export async function alertRaisedSince(db: Db, kind: AlertKind, place: { agencyId: number; deskId: number | null }, since: string) {
  let q = db.selectFrom('alerts').select('id').where('kind', '=', kind).where('agency_id', '=', place.agencyId).where('raised_at', '>', since)
  q = place.deskId === null ? q.where('desk_id', 'is', null) : q.where('desk_id', '=', place.deskId)
  return (await q.limit(1).executeTakeFirst()) !== undefined
}

/** Counted ratings (not spam, flagged, test or deleted) joined to their rating answer. */
function countedRatings(db: Db) {
  return db
    .selectFrom('responses')
    .innerJoin('answers', (j) => j.onRef('answers.response_id', '=', 'responses.id').on('answers.question_id', '=', RATING_QUESTION))
    .where(reportable())
}

/** Counted ratings of one desk, or of an agency's responses that came from no desk. */
function ratings(db: Db, place: { agencyId: number; deskId: number | null }) {
  const q = countedRatings(db)
  return place.deskId === null ? q.where('responses.agency_id', '=', place.agencyId).where('responses.desk_id', 'is', null) : q.where('responses.desk_id', '=', place.deskId)
}

/**
 * A place's counted ratings in the minutes firstMinute…lastMinute (rating_minutes): how many, and how many
 * at `maxRating` or below. A window of 15 minutes is at most 75 rows, however busy the desk.
 */
export async function windowCounts(db: Db, place: { agencyId: number; deskId: number | null }, firstMinute: string, lastMinute: string, maxRating: number) {
  const row = await db
    .selectFrom('rating_minutes')
    .select((eb) => [eb.fn.sum<number>('count').as('n'), eb.fn.sum<number>(eb.case().when('value', '<=', maxRating).then(eb.ref('count')).else(0).end()).as('unhappy')])
    .where('desk_id', '=', place.deskId ?? 0)
    .where('agency_id', '=', place.agencyId)
    .where('minute', '>=', firstMinute)
    .where('minute', '<=', lastMinute)
    .executeTakeFirst()
  return { n: Number(row?.n ?? 0), unhappy: Number(row?.unhappy ?? 0) }
}

/** Forgets the minutes before `before` (ISO): the rules look back a few hours at most. */
export async function pruneRatingMinutes(db: Db, before: string) {
  await db.deleteFrom('rating_minutes').where('minute', '<', before.slice(0, 16)).execute()
}

/** The counts rating_minutes should hold from `since` on, counted from the responses (the rebuild's and the tests' oracle). */
export function ratingMinutesFromResponses(db: Db, since: string) {
  const minute = sql<string>`substr(responses.submitted_at, 1, 16)`
  return countedRatings(db)
    .where('responses.submitted_at', '>=', since)
    .where('answers.value_num', 'is not', null)
    .select((eb) => [
      eb.fn.coalesce('responses.desk_id', eb.lit(0)).as('desk_id'),
      'responses.agency_id',
      minute.as('minute'),
      eb.cast<number>('answers.value_num', 'integer').as('value'),
      eb.fn.countAll<number>().as('count'),
    ])
    .groupBy(['responses.desk_id', 'responses.agency_id', minute, 'answers.value_num'])
}

/**
 * Counts rating_minutes afresh from the responses, over the day before the newest tap (it holds no older
 * minutes that matter): the rollups' rebuild, and a generator's bulk load, which bypasses intake.
 */
export async function refillRatingMinutes(trx: Db) {
  await trx.deleteFrom('rating_minutes').execute()
  const newest = await trx
    .selectFrom('responses')
    .select((eb) => eb.fn.max('submitted_at').as('at'))
    .executeTakeFirst()
  if (!newest?.at) return
  const since = new Date(Date.parse(String(newest.at)) - RATING_MINUTES_KEPT_MS).toISOString()
  await trx.insertInto('rating_minutes').columns(['desk_id', 'agency_id', 'minute', 'value', 'count']).expression(ratingMinutesFromResponses(trx, since)).execute()
}

/** The unhappy ratings of the window (the alert shows them with their comments). */
export async function windowUnhappyIds(db: Db, place: { agencyId: number; deskId: number | null }, from: string, to: string, maxRating: number, reader?: SqliteReader) {
  const rows = await readOffThread(
    reader,
    ratings(db, place)
      .select('responses.id')
      .where('responses.submitted_at', '>=', from)
      .where('responses.submitted_at', '<=', to)
      .where('answers.value_num', '<=', maxRating)
      .orderBy('responses.id')
      .limit(200),
  )
  return rows.map((r) => r.id)
}

/**
 * Today's run: the last rating below `minRating` since `since` (the largest id: the order ratings were
 * stored in), and the ratings after it.
 */
export async function currentRun(db: Db, place: { agencyId: number; deskId: number | null }, since: string, minRating: number, reader?: SqliteReader) {
  const breaks = () => ratings(db, place).where('responses.submitted_at', '>=', since).where('answers.value_num', '<', minRating)
  // The latest by tap time walks the desk's (desk, time) index back from now: at a busy desk a few steps.
  // A max() over the day read all of the day's ratings, or walked every response ever stored back from
  // the newest when the planner took the primary key for it.
  const [latest] = await readOffThread(
    reader,
    breaks().select(['responses.id', 'responses.submitted_at']).orderBy('responses.submitted_at', 'desc').orderBy('responses.id', 'desc').limit(1),
  )
  let breakId = latest?.id ?? 0
  if (latest) {
    // One stored after it but tapped before it (a tablet's offline queue) has a larger id: only ratings
    // stored since it are read for that.
    const [queued] = await readOffThread(
      reader,
      breaks().select('responses.id').where('responses.id', '>', latest.id).where('responses.submitted_at', '<', latest.submitted_at).orderBy('responses.id', 'desc').limit(1),
    )
    breakId = queued?.id ?? breakId
  }
  const run = await readOffThread(
    reader,
    ratings(db, place).select('responses.id').where('responses.submitted_at', '>=', since).where('responses.id', '>', breakId).orderBy('responses.id').limit(500),
  )
  return { breakId, ids: run.map((r) => r.id) }
}

export async function lastRatingAt(db: Db, deskId: number) {
  const row = await db
    .selectFrom('responses')
    .select((eb) => eb.fn.max('submitted_at').as('at'))
    .where('desk_id', '=', deskId)
    .executeTakeFirst()
  return (row?.at as string | null | undefined) ?? null
}

/** Rating counts per agency over [from, to): n and how many were 4 or 5. */
export function ratingCountsByAgency(db: Db, from: string, to: string) {
  return countedRatings(db)
    .where('responses.submitted_at', '>=', from)
    .where('responses.submitted_at', '<', to)
    .groupBy('responses.agency_id')
    .select((eb) => [
      'responses.agency_id',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>(eb.case().when('answers.value_num', '>=', 4).then(1).else(0).end()).as('satisfied'),
    ])
    .execute()
}

/** Alerts with their agency, desk and owner names, newest first. */
export function alertRows(db: Db) {
  return db
    .selectFrom('alerts')
    .innerJoin('agencies', 'agencies.id', 'alerts.agency_id')
    .leftJoin('desks', 'desks.id', 'alerts.desk_id')
    .leftJoin('kiosks', 'kiosks.id', 'alerts.kiosk_id')
    .leftJoin('users', 'users.id', 'alerts.owner_user_id')
    .selectAll('alerts')
    .select([...placeNames, 'kiosks.name as kiosk_name', 'users.username as owner_username', 'users.display_name as owner_name'])
    .orderBy('alerts.id', 'desc')
}
export type AlertRow = Awaited<ReturnType<ReturnType<typeof alertRows>['executeTakeFirstOrThrow']>>

/** Changes an alert that is not resolved yet; false when it is (someone closed it meanwhile). */
export async function updateOpenAlert(db: Db, id: number, values: Updateable<AlertTable>) {
  const r = await db.updateTable('alerts').set(values).where('id', '=', id).where('state', '!=', 'resolved').executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export function insertAlertComment(db: Db, c: { alertId: number; userId: number; body: string; at: string }) {
  return insertId(db, 'alert_comments', { alert_id: c.alertId, user_id: c.userId, body: c.body, at: c.at })
}

export function alertComments(db: Db, alertId: number) {
  return db
    .selectFrom('alert_comments')
    .innerJoin('users', 'users.id', 'alert_comments.user_id')
    .select(['alert_comments.id', 'alert_comments.body', 'alert_comments.at', 'users.username', 'users.display_name'])
    .where('alert_id', '=', alertId)
    .orderBy('alert_comments.id')
    .execute()
}

/** The triggering responses: their time, rating, reasons and comment. */
export async function triggeringResponses(db: Db, ids: number[]) {
  if (!ids.length) return []
  const rows = await db
    .selectFrom('responses')
    .innerJoin('answers', 'answers.response_id', 'responses.id')
    .select(['responses.id', 'responses.submitted_at', 'answers.question_id', 'answers.value_num', 'answers.value_text'])
    .where('responses.id', 'in', ids.slice(0, 200))
    .where('answers.question_id', 'in', [RATING_QUESTION, 'comment', 'reasons'])
    .orderBy('responses.id')
    .execute()
  const byId = new Map<number, { id: number; submittedAt: string; rating: number | null; comment: string | null; reasons: string[] }>()
  for (const r of rows) {
    const entry = byId.get(r.id) ?? byId.set(r.id, { id: r.id, submittedAt: r.submitted_at, rating: null, comment: null, reasons: [] }).get(r.id)!
    if (r.question_id === RATING_QUESTION) entry.rating = r.value_num
    else if (r.question_id === 'comment') entry.comment = r.value_text
    else if (r.value_text) entry.reasons.push(r.value_text)
  }
  return [...byId.values()]
}

export async function insertOutbox(db: Db, rows: Array<{ alertId: number; channel: 'email' | 'webhook'; target: string; at: string }>) {
  if (!rows.length) return
  await db
    .insertInto('alert_outbox')
    .values(rows.map((r) => ({ alert_id: r.alertId, channel: r.channel, target: r.target, next_attempt_at: r.at, created_at: r.at })))
    .execute()
}

export function dueOutbox(db: Db, now: string, limit = 20) {
  return db.selectFrom('alert_outbox').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', now).orderBy('id').limit(limit).execute()
}

/**
 * Takes a due delivery for this node: the conditional update moves its next attempt past a lease, so
 * another node (or a second tick) does not send it at the same time. True when this caller won.
 */
export async function claimOutbox(db: Db, id: number, seenNextAttempt: string, leaseUntil: string) {
  const r = await db
    .updateTable('alert_outbox')
    .set({ next_attempt_at: leaseUntil })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '=', seenNextAttempt)
    .executeTakeFirst()
  return Number(r.numUpdatedRows) === 1
}

export async function recordAttempt(
  db: Db,
  o: { id: number; attempt: number; at: string; ok: boolean; detail: string | null; status: 'pending' | 'sent' | 'failed'; nextAttemptAt: string },
) {
  await db
    .updateTable('alert_outbox')
    .set({ attempts: o.attempt, status: o.status, next_attempt_at: o.nextAttemptAt, last_error: o.ok ? null : o.detail, sent_at: o.ok ? o.at : null })
    .where('id', '=', o.id)
    .execute()
  await db
    .insertInto('alert_deliveries')
    .values({ outbox_id: o.id, attempt: o.attempt, at: o.at, ok: o.ok ? 1 : 0, detail: o.detail })
    .execute()
}

export function deliveriesOf(db: Db, alertId: number) {
  return db
    .selectFrom('alert_outbox')
    .leftJoin('alert_deliveries', 'alert_deliveries.outbox_id', 'alert_outbox.id')
    .select([
      'alert_outbox.id',
      'alert_outbox.channel',
      'alert_outbox.status',
      'alert_outbox.attempts',
      'alert_outbox.next_attempt_at',
      'alert_deliveries.attempt',
      'alert_deliveries.at',
      'alert_deliveries.ok',
      'alert_deliveries.detail',
    ])
    .where('alert_outbox.alert_id', '=', alertId)
    .orderBy('alert_outbox.id')
    .orderBy('alert_deliveries.attempt')
    .execute()
}

/** Today's counted ratings (with comment) of the given agencies, for the live desk view. */
export function ratingsSince(db: Db, agencyIds: number[] | null, since: string) {
  let q = db
    .selectFrom('responses')
    .innerJoin('answers', (j) => j.onRef('answers.response_id', '=', 'responses.id').on('answers.question_id', '=', RATING_QUESTION))
    .leftJoin('answers as c', (j) => j.onRef('c.response_id', '=', 'responses.id').on('c.question_id', '=', 'comment'))
    .select(['responses.id', 'responses.agency_id', 'responses.desk_id', 'responses.submitted_at', 'responses.channel', 'answers.value_num as rating', 'c.value_text as comment'])
    .where('responses.submitted_at', '>=', since)
    .where(reportable())
  if (agencyIds) q = q.where('responses.agency_id', 'in', agencyIds.length ? agencyIds : [-1])
  return q.orderBy('responses.id', 'desc').limit(5000).execute()
}

/** Alerts raised after `afterId` (by any node), for the event streams. */
export function alertIdsAfter(db: Db, afterId: number) {
  return db.selectFrom('alerts').select(['id', 'agency_id']).where('id', '>', afterId).orderBy('id').limit(100).execute()
}

export async function lastAlertId(db: Db) {
  const row = await db
    .selectFrom('alerts')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}

export function findAlertRow(db: Db, id: number) {
  return alertRows(db).where('alerts.id', '=', id).executeTakeFirst()
}

/** Alerts of the given agencies (null: all), open (new or acknowledged) or in one state, newest first. */
export function listAlertRows(
  db: Db,
  f: { agencyIds: number[] | null; state: 'open' | 'all' | 'new' | 'acknowledged' | 'resolved'; kind?: AlertKind; limit: number; offset?: number },
) {
  let q = alertRows(db)
  if (f.agencyIds) q = q.where('alerts.agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1])
  if (f.state === 'open') q = q.where('alerts.state', '!=', 'resolved')
  else if (f.state !== 'all') q = q.where('alerts.state', '=', f.state)
  if (f.kind) q = q.where('alerts.kind', '=', f.kind)
  return q
    .limit(f.limit)
    .offset(f.offset ?? 0)
    .execute()
}

/** Tablets in service: paired, not revoked, at an active desk. */
export function activeKioskRows(db: Db) {
  return kioskRows(db)
    .where('kiosks.paired_at', 'is not', null)
    .where('kiosks.secret_hash', 'is not', null)
    .where('kiosks.revoked_at', 'is', null)
    .where('desks.active', '=', 1)
    .execute()
}
