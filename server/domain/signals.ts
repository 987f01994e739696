import type { Answers } from './answers.ts'
import { questionsOf } from './questions.ts'
import type { SurveyDefinition } from './survey-definition.ts'

/**
 * True when the response rated something and every rating is the top of its scale: the material of the
 * "long run of top ratings at one desk" signal (staff tapping 5s on their own tablet).
 */
export function isTopRating(def: SurveyDefinition, answers: Answers): boolean {
  let rated = 0
  for (const q of questionsOf(def)) {
    if (q.type !== 'rating') continue
    const v = answers[q.id]
    if (typeof v !== 'number') continue
    const top = Math.max(...(def.scales[q.scale] ?? []).map((o) => o.value))
    if (v !== top) return false
    rated++
  }
  return rated > 0
}

/**
 * True when `at` completes a run: the `length − 1` ratings before it within `windowMs` (newest first) are
 * all there and all top. `earlier` holds the instants and top marks of the desk's ratings before `at`.
 */
export function completesTopRun(at: number, earlier: Array<{ at: number; top: boolean }>, length: number, windowMs: number): boolean {
  const recent = earlier.filter((e) => e.at <= at && e.at > at - windowMs).sort((a, b) => b.at - a.at)
  return recent.length >= length - 1 && recent.slice(0, length - 1).every((e) => e.top)
}
