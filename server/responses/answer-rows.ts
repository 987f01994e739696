import type { AnswerRow } from '../db/schema.ts'
import type { Answers } from '../domain/answers.ts'
import { questionsOf } from '../domain/questions.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'

type Row = Pick<AnswerRow, 'question_id' | 'value_num' | 'value_text'>

/** Answers as rows of the answers table: a number, or one row per chosen option, or the text. */
export function answerRows(answers: Answers): Row[] {
  const rows: Row[] = []
  for (const [question_id, v] of Object.entries(answers)) {
    if (typeof v === 'number') rows.push({ question_id, value_num: v, value_text: null })
    else if (Array.isArray(v)) for (const option of v) rows.push({ question_id, value_num: null, value_text: option })
    else rows.push({ question_id, value_num: null, value_text: v })
  }
  return rows
}

/** The reverse, with the definition telling multi-choice lists from single values. */
export function answersFromRows(def: SurveyDefinition, rows: Row[]): Answers {
  const multiple = new Set(
    questionsOf(def)
      .filter((q) => q.type === 'choice' && q.multiple)
      .map((q) => q.id),
  )
  const answers: Answers = {}
  for (const r of rows) {
    if (r.value_num !== null) answers[r.question_id] = Number(r.value_num)
    else if (multiple.has(r.question_id)) ((answers[r.question_id] as string[] | undefined) ?? ((answers[r.question_id] = [] as string[]) as string[])).push(r.value_text ?? '')
    else answers[r.question_id] = r.value_text ?? ''
  }
  // Options in definition order, as validation stores them.
  for (const q of questionsOf(def))
    if (q.type === 'choice' && Array.isArray(answers[q.id])) {
      const chosen = answers[q.id] as string[]
      answers[q.id] = q.options.map((o) => o.id).filter((id) => chosen.includes(id))
    }
  return answers
}
