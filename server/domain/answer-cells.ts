import type { Answers } from './answers.ts'
import type { SurveyDefinition } from './survey-definition.ts'
import { questionsOf } from './questions.ts'

/**
 * Answers as spreadsheet cells (the responses CSV/XLSX format): a rating or points value as its number,
 * options joined by "|", text as is, empty when unanswered.
 */
export function answersToCells(def: SurveyDefinition, answers: Answers): Record<string, string> {
  const cells: Record<string, string> = {}
  for (const q of questionsOf(def)) {
    const v = answers[q.id]
    cells[q.id] = v === undefined ? '' : Array.isArray(v) ? v.join('|') : String(v)
  }
  return cells
}

/** The reverse: cells to raw answers, which `checkAnswers` then validates like any other submission. */
export function cellsToAnswers(def: SurveyDefinition, cells: Record<string, string>): Record<string, unknown> {
  const raw: Record<string, unknown> = {}
  const byId = new Map(questionsOf(def).map((q) => [q.id, q]))
  for (const [id, cell] of Object.entries(cells)) {
    const text = cell.trim()
    if (text === '') continue
    const q = byId.get(id)
    if (!q) raw[id] = text
    else if (q.type === 'rating' || q.type === 'points') raw[id] = /^-?\d+(\.0+)?$/.test(text) ? Number(text) : text
    else if (q.type === 'choice' && q.multiple)
      raw[id] = text
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean)
    else raw[id] = q.type === 'text' ? cell : text
  }
  return raw
}
