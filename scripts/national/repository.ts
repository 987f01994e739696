// The national generator's and bench's SQL (scripts keep queries in a repository.ts like the server).
import { randomBytes, randomUUID } from 'node:crypto'
import type { Database as SqliteDatabase } from 'better-sqlite3'
import { sql, type Kysely } from 'kysely'
import { findAgencyByCode } from '../../server/agencies/repository.ts'
import { findUserByName, insertSession, insertUser } from '../../server/auth/repository.ts'
import type { Database } from '../../server/db/schema.ts'
import type { Db } from '../../server/db/types.ts'
import type { Answers } from '../../server/domain/answers.ts'
import { hashToken } from '../../server/lib/tokens.ts'
import { answerRows } from '../../server/responses/answer-rows.ts'
import { applyRollupChanges, listRollupQuarters, refillAgencyRollups, reviseEveryAgency } from '../../server/rollups/repository.ts'

export type Channel = 'kiosk' | 'qr' | 'paper'
export interface Row {
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
export interface Writer {
  responses(rows: Row[]): Promise<void>
  rollups(cells: Map<string, number>): Promise<void>
  finish(): Promise<void>
}

const RESPONSE_COLUMNS = 'id, submission_id, survey_version_id, agency_id, desk_id, channel, procedure_code, submitted_at, received_at, quarter, payload_hash'
const ROLLUP_COLUMNS = 'quarter, survey_version_id, agency_id, desk_id, channel, procedure_code, question_id, value, count'
const splitCell = (key: string) => key.split('\u0000')

export function sqliteWriter(sqlite: SqliteDatabase): Writer {
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

export async function pgWriter(db: Kysely<Database>): Promise<Writer> {
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

/** Replaces the rollups of `db` (a SQLite file) with those of another file generated with the same structure. */
export async function copyRollupsFrom(db: Db, otherFile: string) {
  await sql`attach database ${otherFile} as other`.execute(db)
  await sql`delete from rollups`.execute(db)
  await sql`insert into rollups select * from other.rollups`.execute(db)
  await sql`delete from agency_rollups`.execute(db)
  await sql`insert into agency_rollups select * from other.agency_rollups`.execute(db)
  await sql`delete from total_rollups`.execute(db)
  await sql`insert into total_rollups select * from other.total_rollups`.execute(db)
  await sql`detach database other`.execute(db)
  await reviseEveryAgency(db)
}

/** Fills the agency-level rollups when an older generator left only the desk-level ones. */
export async function fillAgencyRollupsIfEmpty(db: Kysely<Database>) {
  const empty = !(await db.selectFrom('agency_rollups').select('agency_id').limit(1).executeTakeFirst())
  if (empty && (await db.selectFrom('rollups').select('agency_id').limit(1).executeTakeFirst())) await db.transaction().execute((trx) => refillAgencyRollups(trx))
}

const countAll = async (db: Db, table: 'responses' | 'agencies' | 'desks' | 'rollups' | 'agency_rollups') =>
  Number(
    (
      await db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** Whether a PostgreSQL bench database holds a finished generation of `responses` responses. */
export async function generatedWith(db: Db, responses: number) {
  const marker = await db.selectFrom('settings').select('value').where('key', '=', 'bench.generated').executeTakeFirst()
  return marker !== undefined && (await countAll(db, 'responses')) === responses
}

export async function markGenerated(db: Db, seconds: number) {
  await db
    .insertInto('settings')
    .values({ key: 'bench.generated', value: JSON.stringify({ seconds }) })
    .execute()
}

export async function postgresBytes(db: Db) {
  return Number((await sql<{ b: string }>`select pg_database_size(current_database()) as b`.execute(db)).rows[0]!.b)
}

/** A staff session for a bench user (created once): the cookie value to send. */
export async function benchSession(db: Db, username: string, role: 'admin' | 'manager', agencyCode: string | null) {
  const at = new Date().toISOString()
  const agencyId = agencyCode ? ((await findAgencyByCode(db, agencyCode))?.id ?? null) : null
  const user = (await findUserByName(db, username))?.id ?? (await insertUser(db, { username, displayName: username, passwordHash: 'bench-no-login', role, agencyId, at }))
  const token = randomBytes(32).toString('base64url')
  await insertSession(db, {
    idHash: hashToken(token),
    userId: user,
    csrfToken: randomBytes(24).toString('base64url'),
    at,
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  })
  return token
}

/** The sizes the bench prints beside its timings: agencies, desks, and rollup cells overall and per quarter. */
export async function nationalFacts(db: Db, quarter: string) {
  const motCua = (await db.selectFrom('survey_versions').select('id').where('instrument', '=', 'mot-cua').executeTakeFirstOrThrow()).id
  const inQuarter = async (table: 'rollups' | 'agency_rollups') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('quarter', '=', quarter)
          .where('survey_version_id', '=', motCua)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const first = async (kind: 'province' | 'commune') => (await db.selectFrom('agencies').select('code').where('kind', '=', kind).orderBy('id').executeTakeFirstOrThrow()).code
  return {
    province: await first('province'),
    commune: await first('commune'),
    agencies: await countAll(db, 'agencies'),
    desks: await countAll(db, 'desks'),
    rollups: await countAll(db, 'rollups'),
    agencyRollups: await countAll(db, 'agency_rollups'),
    quarterRollups: await inQuarter('rollups'),
    quarterAgencyRollups: await inQuarter('agency_rollups'),
  }
}

let touches = 0

/**
 * A committed rating's worth of change, as intake makes it: one response more (then one fewer, in turn,
 * so the figures stay where they were from run to run) in the rollup cells of one desk of one agency,
 * in the current quarter, for a survey of the instrument, in one transaction. Afterwards every report and trend must count it: the one
 * agency's cells are read again, every other agency's are kept.
 */
export async function touchData(db: Kysely<Database>, instrument = 'mot-cua') {
  const quarter = (await listRollupQuarters(db))[0]!
  const cell = await db
    .selectFrom('rollups')
    .innerJoin('survey_versions', 'survey_versions.id', 'rollups.survey_version_id')
    .select(['rollups.survey_version_id', 'rollups.agency_id', 'rollups.desk_id', 'rollups.channel'])
    .where('survey_versions.instrument', '=', instrument)
    .where('rollups.quarter', '=', quarter)
    .where('rollups.question_id', '=', '*')
    .orderBy('rollups.agency_id')
    .limit(1)
    .executeTakeFirstOrThrow()
  const delta = touches++ % 2 ? -1 : 1
  const bucket = { surveyVersionId: cell.survey_version_id, agencyId: cell.agency_id, deskId: cell.desk_id, channel: cell.channel, procedureCode: null, quarter }
  await db.transaction().execute((trx) => applyRollupChanges(trx, [{ bucket, cells: [{ question: '*', value: '*' }], delta, ratedAt: new Date().toISOString() }]))
}
