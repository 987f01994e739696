import { sql } from 'kysely'
import type { Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { reportable } from '../responses/repository.ts'

/**
 * Counted answers to one rating question per UTC hour (`YYYY-MM-DDTHH`, the first 13 characters of the
 * ISO instant, the same on both databases): n and how many were 4 or 5. Returned unexecuted: a whole
 * deployment's quarter is millions of responses, which the caller runs off the server's thread.
 */
export function ratingsByHour(
  db: Db,
  f: { question: string; surveyVersionIds: number[]; from: string; to: string; agencyIds: number[] | null; deskId?: number; channel?: Channel },
) {
  const hour = sql<string>`substr(${sql.ref('responses.submitted_at')}, 1, 13)`
  let q = db
    .selectFrom('responses')
    .innerJoin('answers', (j) => j.onRef('answers.response_id', '=', 'responses.id').on('answers.question_id', '=', f.question))
    .where('responses.survey_version_id', 'in', f.surveyVersionIds.length ? f.surveyVersionIds : [-1])
    .where('responses.submitted_at', '>=', f.from)
    .where('responses.submitted_at', '<', f.to)
    .where(reportable())
    .where('answers.value_num', 'is not', null)
  if (f.agencyIds) q = q.where('responses.agency_id', 'in', f.agencyIds.length ? f.agencyIds : [-1])
  if (f.deskId !== undefined) q = q.where('responses.desk_id', '=', f.deskId)
  if (f.channel) q = q.where('responses.channel', '=', f.channel)
  return q
    .select((eb) => [hour.as('hour'), eb.fn.countAll<number>().as('n'), eb.fn.sum<number>(eb.case().when('answers.value_num', '>=', 4).then(1).else(0).end()).as('satisfied')])
    .groupBy(hour)
}
