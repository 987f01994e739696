import type { AnswerRow } from '../db/schema.ts'
import { questionsOf } from '../domain/questions.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'

type Row = Pick<AnswerRow, 'question_id' | 'value_num' | 'value_text'>

/**
 * One survey version's answer rows as the export's question cells, in the file's column order: the same
 * cells as `answersToCells(def, answersFromRows(def, rows))`, without building the answers object, the
 * definition's lookups and a record of every question again for each of a million responses. A rating or
 * points value is its number, chosen options in definition order joined by "|", text as is, "" when
 * unanswered or not a question of this version. The question cells start at `offset`, leaving the
 * cells before them for the caller to fill.
 */
export function responseCells(def: SurveyDefinition, columns: readonly string[], offset = 0): (rows: readonly Row[]) => string[] {
  const at = new Map(columns.map((id, i) => [id, offset + i]))
  const column = new Map<string, number>()
  const options = new Map<number, string[]>()
  for (const q of questionsOf(def)) {
    const i = at.get(q.id)
    if (i === undefined) continue
    column.set(q.id, i)
    if (q.type === 'choice' && q.multiple)
      options.set(
        i,
        q.options.map((o) => o.id),
      )
  }
  const width = offset + columns.length
  return (rows) => {
    const cells = new Array<string>(width).fill('')
    let chosen: Map<number, string[]> | null = null
    for (const r of rows) {
      const i = column.get(r.question_id)
      if (i === undefined) continue
      if (r.value_num !== null) {
        cells[i] = String(Number(r.value_num))
        chosen?.delete(i)
      } else if (options.has(i)) {
        chosen ??= new Map()
        const list = chosen.get(i)
        if (list) list.push(r.value_text ?? '')
        else chosen.set(i, [r.value_text ?? ''])
      } else cells[i] = r.value_text ?? ''
    }
    if (chosen)
      for (const [i, list] of chosen)
        cells[i] = options
          .get(i)!
          .filter((id) => list.includes(id))
          .join('|')
    return cells
  }
}
