import type { Db } from '../db/types.ts'
import type { NewResponse } from '../db/schema.ts'

export function findBySubmissionIds(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('responses').select(['id', 'submission_id', 'payload_hash']).where('submission_id', 'in', ids).execute()
}

/** Inserts many responses with one statement per chunk; returns their ids by submission id. */
export async function insertResponses(db: Db, rows: NewResponse[]) {
  const ids = new Map<string, number>()
  for (let i = 0; i < rows.length; i += 200) {
    // RETURNING does not promise the order of the rows, so ids are matched by submission id.
    for (const r of await db.insertInto('responses').values(rows.slice(i, i + 200)).returning(['id', 'submission_id']).execute()) ids.set(r.submission_id, r.id)
  }
  return ids
}

export async function insertAnswers(db: Db, rows: Array<{ response_id: number; question_id: string; value_num: number | null; value_text: string | null }>) {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('answers').values(rows.slice(i, i + 500)).execute()
}

export function countResponses(db: Db) {
  return db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n))
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
