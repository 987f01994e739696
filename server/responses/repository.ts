import type { Db } from '../db/types.ts'
import type { NewResponse } from '../db/schema.ts'

export function findBySubmissionIds(db: Db, ids: string[]) {
  if (!ids.length) return Promise.resolve([])
  return db.selectFrom('responses').select(['id', 'submission_id', 'payload_hash']).where('submission_id', 'in', ids).execute()
}

export async function insertResponse(
  db: Db,
  row: NewResponse,
  answers: Array<{ question_id: string; value_num: number | null; value_text: string | null }>,
) {
  const { id } = await db.insertInto('responses').values(row).returning('id').executeTakeFirstOrThrow()
  if (answers.length) await db.insertInto('answers').values(answers.map((a) => ({ ...a, response_id: id }))).execute()
  return id
}

export function countResponses(db: Db) {
  return db.selectFrom('responses').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n))
}
