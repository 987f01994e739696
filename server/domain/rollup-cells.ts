import type { Answers } from './answers.ts'
import { ANSWERED } from './indices.ts'
import type { SurveyDefinition } from './survey-definition.ts'
import { questionsOf } from './questions.ts'

/**
 * The counter cells one response adds to: one for the response itself (`*`/`*`), one per answered question
 * ("answered at all", the denominator of choice shares), and one per rating, points value or option.
 * Free text counts only as answered: its words are read in the comment list, not counted.
 */
export function rollupCells(def: SurveyDefinition, answers: Answers): Array<{ question: string; value: string }> {
  const cells = [{ question: ANSWERED, value: ANSWERED }]
  for (const q of questionsOf(def)) {
    const v = answers[q.id]
    if (v === undefined) continue
    cells.push({ question: q.id, value: ANSWERED })
    if (q.type === 'text') continue
    for (const one of Array.isArray(v) ? v : [v]) cells.push({ question: q.id, value: String(one) })
  }
  return cells
}
