import { z } from 'zod'

/** Vietnamese first, English second (see text.ts for the type used everywhere else). */
export const LocalizedText = z.object({
  vi: z.string().trim().min(1),
  en: z.string().trim().min(1),
})

/**
 * The survey definition contract (files in `survey-definitions/`). Question and option ids are stable:
 * paper imports, exports and reports use them, so a published version is never edited, only succeeded.
 */
const Id = z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, "-" and "_"')

export const ScalePoint = z.object({ value: z.number().int(), label: LocalizedText })
export const Scale = z.array(ScalePoint).min(2)

export const Condition = z.object({
  question: Id,
  op: z.enum(['lte', 'gte', 'eq', 'neq', 'includes']),
  value: z.union([z.number(), z.string()]),
})
export type Condition = z.infer<typeof Condition>

const QuestionBase = z.object({
  id: Id,
  text: LocalizedText,
  hint: LocalizedText.optional(),
  required: z.boolean().default(false),
  visibleIf: Condition.optional(),
})

export const RatingQuestion = QuestionBase.extend({ type: z.literal('rating'), scale: z.string().min(1) })
export const ChoiceOption = z.object({ id: Id, text: LocalizedText })
export const ChoiceQuestion = QuestionBase.extend({
  type: z.literal('choice'),
  multiple: z.boolean().default(false),
  minChoices: z.number().int().min(0).optional(),
  maxChoices: z.number().int().min(1).optional(),
  options: z.array(ChoiceOption).min(1),
})
export const TextQuestion = QuestionBase.extend({
  type: z.literal('text'),
  maxLength: z.number().int().min(1).max(10_000),
})
export const PointsOption = z.object({ value: z.number().int().min(0), text: LocalizedText })
export const PointsQuestion = QuestionBase.extend({
  type: z.literal('points'),
  options: z.array(PointsOption).min(2),
})

export const Question = z.discriminatedUnion('type', [RatingQuestion, ChoiceQuestion, TextQuestion, PointsQuestion])
export type Question = z.infer<typeof Question>
export type RatingQuestion = z.infer<typeof RatingQuestion>
export type ChoiceQuestion = z.infer<typeof ChoiceQuestion>
export type TextQuestion = z.infer<typeof TextQuestion>
export type PointsQuestion = z.infer<typeof PointsQuestion>

export const Page = z.object({ id: Id, title: LocalizedText.optional(), questions: z.array(Question).min(1) })

export const Element = z.object({
  id: Id,
  text: LocalizedText,
  weight: z.number().positive().default(1),
  criteria: z.array(Id).min(1),
})

/** Share instruments: the index is the share of satisfied answers (one headline, or a mean of elements). */
export const ShareIndex = z.object({
  method: z.literal('share'),
  satisfiedValues: z.array(z.number().int()).min(1),
  headline: Id.optional(),
  elements: z.array(Element).optional(),
  criteria: z.array(Id).min(1),
  expectations: Id.optional(),
  reasons: Id.optional(),
})
/** Points instruments (Circular 01/2018): mean points per indicator, rounded, then summed. */
export const PointsIndex = z.object({
  method: z.literal('points'),
  indicators: z.array(Id).min(1),
  decimals: z.number().int().min(0).max(4).default(1),
  bands: z.array(z.object({ min: z.number(), label: LocalizedText })).optional(),
})
export const IndexRules = z.discriminatedUnion('method', [ShareIndex, PointsIndex])
export type IndexRules = z.infer<typeof IndexRules>
export type ShareIndex = z.infer<typeof ShareIndex>
export type PointsIndex = z.infer<typeof PointsIndex>

/**
 * The least a response must contain to be stored: how many of the questions the index scores (share:
 * `index.criteria`; points: `index.indicators`) are answered. Optional and without a schema default on
 * purpose: a default would change the canonical content, hence the hash, of every version published before
 * the field existed, and the start-up check would then refuse those immutable versions. Absent, the rule in
 * `minimumOf` (answers.ts) applies: at least one scored answer.
 */
export const Minimum = z.object({ scoredAnswers: z.number().int().min(1) })
export type Minimum = z.infer<typeof Minimum>

export const SurveyDefinition = z
  .object({
    instrument: Id,
    version: z.number().int().min(1),
    title: LocalizedText,
    source: z.string().optional(),
    scales: z.record(z.string(), Scale),
    pages: z.array(Page).min(1),
    index: IndexRules,
    minimum: Minimum.optional(),
  })
  .superRefine((def, ctx) => {
    const seen = new Map<string, Question>()
    def.pages.forEach((page, p) =>
      page.questions.forEach((q, i) => {
        const path = ['pages', p, 'questions', i]
        if (seen.has(q.id)) ctx.addIssue({ code: 'custom', path: [...path, 'id'], message: `duplicate question id "${q.id}"` })
        if (q.type === 'rating' && !def.scales[q.scale])
          ctx.addIssue({ code: 'custom', path: [...path, 'scale'], message: `unknown scale "${q.scale}"` })
        if (q.type === 'choice' || q.type === 'points') {
          const ids = q.options.map((o) => ('id' in o ? o.id : String(o.value)))
          if (new Set(ids).size !== ids.length)
            ctx.addIssue({ code: 'custom', path: [...path, 'options'], message: 'duplicate option' })
        }
        if (q.type === 'choice' && q.maxChoices !== undefined && (!q.multiple || q.maxChoices > q.options.length))
          ctx.addIssue({ code: 'custom', path: [...path, 'maxChoices'], message: 'maxChoices needs multiple: true and at most as many options' })
        if (q.visibleIf) {
          // Only earlier questions may decide visibility, so a form can be filled in order.
          if (!seen.has(q.visibleIf.question))
            ctx.addIssue({ code: 'custom', path: [...path, 'visibleIf', 'question'], message: `unknown or later question "${q.visibleIf.question}"` })
        }
        seen.set(q.id, q)
      }),
    )
    const expect = (path: (string | number)[], id: string, types: Question['type'][]) => {
      const q = seen.get(id)
      if (!q) ctx.addIssue({ code: 'custom', path, message: `unknown question "${id}"` })
      else if (!types.includes(q.type)) ctx.addIssue({ code: 'custom', path, message: `question "${id}" must be ${types.join(' or ')}` })
    }
    const rules = def.index
    if (rules.method === 'share') {
      if ((rules.headline === undefined) === (rules.elements === undefined))
        ctx.addIssue({ code: 'custom', path: ['index'], message: 'give exactly one of "headline" or "elements"' })
      if (rules.headline) expect(['index', 'headline'], rules.headline, ['rating'])
      rules.criteria.forEach((id, i) => expect(['index', 'criteria', i], id, ['rating']))
      rules.elements?.forEach((e, ei) =>
        e.criteria.forEach((id, i) => {
          if (!rules.criteria.includes(id))
            ctx.addIssue({ code: 'custom', path: ['index', 'elements', ei, 'criteria', i], message: `"${id}" is not in index.criteria` })
        }),
      )
      if (rules.headline && !rules.criteria.includes(rules.headline))
        ctx.addIssue({ code: 'custom', path: ['index', 'headline'], message: `"${rules.headline}" is not in index.criteria` })
      if (rules.expectations) expect(['index', 'expectations'], rules.expectations, ['choice'])
      if (rules.reasons) expect(['index', 'reasons'], rules.reasons, ['choice'])
    } else {
      rules.indicators.forEach((id, i) => expect(['index', 'indicators', i], id, ['points']))
    }
    const scored = rules.method === 'share' ? rules.criteria.length : rules.indicators.length
    if (def.minimum && def.minimum.scoredAnswers > scored)
      ctx.addIssue({ code: 'custom', path: ['minimum', 'scoredAnswers'], message: `at most ${scored}: the index scores ${scored} questions` })
  })
export type SurveyDefinition = z.infer<typeof SurveyDefinition>
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>

/** Human-readable validation issues: `path.to.field: message`, one per line. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n')
}
