import { z } from 'zod'
import { kioskStrings } from './citizen-strings/kiosk.ts'
import { privacyStrings } from './citizen-strings/privacy.ts'
import { surveyStrings } from './citizen-strings/survey.ts'
import { questionsOf } from './questions.ts'
import type { SurveyDefinition } from './survey-definition.ts'
import type { LocalizedText } from './text.ts'
import { SurveyKey } from './vocabulary-schemas.ts'

/**
 * A province's language for citizens (Decree 118/2025: ethnic-minority language help): a file of
 * translations for the kiosk and phone survey and for the texts of survey versions. Vietnamese and English
 * are built in; a pack never needs to be complete — every missing string shows in Vietnamese, and staff
 * see what is missing in the completeness report.
 */

/** Every interface string a pack can translate, by `<area>.<name>`: the catalogs the citizen pages render. */
export const INTERFACE_STRINGS: Record<string, LocalizedText> = Object.fromEntries([
  ...Object.entries(kioskStrings).map(([k, v]) => [`kiosk.${k}`, v] as const),
  ...Object.entries(surveyStrings).map(([k, v]) => [`survey.${k}`, v] as const),
  ...Object.entries(privacyStrings).map(([k, v]) => [`privacy.${k}`, v] as const),
])

// BCP 47-like, lower case (`tha`, `hmn`, `km`, `xx`); vi and en are built in and cannot be replaced.
export const PackCode = z
  .string()
  .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/)
  .refine((c) => c !== 'vi' && c !== 'en', { message: 'vi and en are built in' })

const Translation = z.string().trim().min(1).max(2000)

export const LanguagePack = z
  .object({
    code: PackCode,
    /** The language's own name, as the citizen recognises it on the language button. */
    name: z.string().trim().min(1).max(60),
    /** Vietnamese name, for staff screens (e.g. "Tiếng Thái"). */
    nameVi: z.string().trim().min(1).max(60),
    ui: z
      .record(z.string(), Translation)
      .default({})
      .superRefine((ui, ctx) => {
        for (const key of Object.keys(ui)) if (!(key in INTERFACE_STRINGS)) ctx.addIssue({ code: 'custom', path: [key], message: `Unknown interface string ${key}` })
      }),
    /** `instrument@version` → text id (see surveyTextsOf) → translation. */
    surveys: z.record(SurveyKey, z.record(z.string().max(200), Translation)).default({}),
  })
  .strict()
export type LanguagePack = z.infer<typeof LanguagePack>

/** A pack as a citizen page receives it: the interface and the texts of the one survey it shows. */
export interface CitizenPack {
  code: string
  name: string
  ui: Record<string, string>
  survey: Record<string, string>
}

/**
 * Every text of a survey version a pack can translate, by a stable id built from the version's own ids:
 * `title`, `page.<id>`, `q.<id>`, `q.<id>.hint`, `q.<id>.option.<id|value>`, `scale.<name>.<value>`.
 */
export function surveyTextsOf(def: SurveyDefinition): Map<string, LocalizedText> {
  const out = new Map<string, LocalizedText>([['title', def.title]])
  for (const page of def.pages) if (page.title) out.set(`page.${page.id}`, page.title)
  for (const q of questionsOf(def)) {
    out.set(`q.${q.id}`, q.text)
    if (q.hint) out.set(`q.${q.id}.hint`, q.hint)
    if (q.type === 'choice') for (const o of q.options) out.set(`q.${q.id}.option.${o.id}`, o.text)
    if (q.type === 'points') for (const o of q.options) out.set(`q.${q.id}.option.${o.value}`, o.text)
  }
  for (const [name, points] of Object.entries(def.scales)) for (const p of points) out.set(`scale.${name}.${p.value}`, p.label)
  return out
}

/**
 * The definition with the pack's texts added under its code beside vi and en (a copy; the cached version is
 * never touched). The citizen page picks them with `t()`, which falls back to Vietnamese.
 */
export function localizeDefinition(def: SurveyDefinition, code: string, texts: Record<string, string>): SurveyDefinition {
  const copy = structuredClone(def)
  for (const [id, text] of surveyTextsOf(copy)) {
    const translated = texts[id]
    if (translated) (text as unknown as Record<string, string>)[code] = translated
  }
  return copy
}

export interface Missing {
  id: string
  vi: string
}

export interface Completeness {
  code: string
  name: string
  nameVi: string
  ui: { total: number; missing: Missing[] }
  surveys: Array<{ survey: string; title: string; total: number; missing: Missing[] }>
  /** Texts for ids a survey does not have (a typo, or a question of another version): never shown. */
  unused: string[]
}

/** What a pack lacks, against the interface catalog and each survey version citizens can be shown. */
export function completenessOf(pack: LanguagePack, surveys: Array<{ key: string; definition: SurveyDefinition }>): Completeness {
  const uiMissing = Object.entries(INTERFACE_STRINGS)
    .filter(([key]) => !pack.ui[key])
    .map(([id, text]) => ({ id, vi: text.vi }))
  const unused: string[] = []
  const known = new Set(surveys.map((s) => s.key))
  for (const key of Object.keys(pack.surveys)) if (!known.has(key)) unused.push(key)
  const bySurvey = surveys.map(({ key, definition }) => {
    const texts = surveyTextsOf(definition)
    const given = pack.surveys[key] ?? {}
    for (const id of Object.keys(given)) if (!texts.has(id)) unused.push(`${key} ${id}`)
    const missing = [...texts].filter(([id]) => !given[id]).map(([id, text]) => ({ id, vi: text.vi }))
    return { survey: key, title: definition.title.vi, total: texts.size, missing }
  })
  return {
    code: pack.code,
    name: pack.name,
    nameVi: pack.nameVi,
    ui: { total: Object.keys(INTERFACE_STRINGS).length, missing: uiMissing },
    surveys: bySurvey,
    unused,
  }
}
