import type { Question, SurveyDefinition } from './survey-definition.ts'
import { SURVEY_KEY } from './vocabulary.ts'

// Zod-free helpers over survey definitions, so the kiosk bundle can use them without the schema library.

/** `mot-cua@1`: how a survey version is named in files, APIs and exports. */
export function surveyKey(def: { instrument: string; version: number }): string {
  return `${def.instrument}@${def.version}`
}

export function parseSurveyKey(key: string): { instrument: string; version: number } | null {
  const m = SURVEY_KEY.exec(key)
  return m ? { instrument: m[1]!, version: Number(m[2]) } : null
}

// Definitions are immutable once parsed, so their question lists are computed once (exports call this per row).
const lists = new WeakMap<object, Question[]>()

export function questionsOf(def: Pick<SurveyDefinition, 'pages'>): Question[] {
  let list = lists.get(def.pages)
  if (!list) lists.set(def.pages, (list = def.pages.flatMap((p) => p.questions)))
  return list
}
