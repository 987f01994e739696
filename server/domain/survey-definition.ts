import { z } from 'zod'
import { InstrumentId } from './vocabulary-schemas.ts'

/** Vietnamese first, English second (see text.ts for the type used everywhere else). */
export const LocalizedText = z.object({
  vi: z.string().trim().min(1),
  en: z.string().trim().min(1),
})

/**
 * The survey definition contract (files in `survey-definitions/`). Question and option ids are stable:
 * paper imports, exports and reports use them, so a published version is never edited, only succeeded.
 */
const Id = InstrumentId

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

/** What each question type is called on screens for staff. */
export const typeWords: Record<'rating' | 'choice' | 'text' | 'points', { vi: string; en: string }> = {
  rating: { vi: 'câu chấm mức hài lòng', en: 'a satisfaction rating' },
  choice: { vi: 'câu chọn từ danh sách', en: 'a choice from a list' },
  text: { vi: 'câu trả lời bằng chữ', en: 'a written answer' },
  points: { vi: 'câu chấm điểm', en: 'a points question' },
}

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
    // Each problem carries its words for staff (`params`), shown beside the field in the builder.
    const add = (path: (string | number)[], message: string, vi: string, en: string) => ctx.addIssue({ code: 'custom', path, message, params: { vi, en } })
    const seen = new Map<string, Question>()
    def.pages.forEach((page, p) =>
      page.questions.forEach((q, i) => {
        const path = ['pages', p, 'questions', i]
        if (seen.has(q.id))
          add(
            [...path, 'id'],
            `duplicate question id "${q.id}"`,
            `Mã "${q.id}" đã dùng cho một câu hỏi khác; mỗi câu hỏi cần một mã riêng`,
            `The id "${q.id}" is already used by another question; each question needs its own id`,
          )
        if (q.type === 'rating' && !def.scales[q.scale])
          add([...path, 'scale'], `unknown scale "${q.scale}"`, `Thang đo "${q.scale}" không có trong phiếu`, `The scale "${q.scale}" is not in this survey`)
        if (q.type === 'choice' || q.type === 'points') {
          const ids = q.options.map((o) => ('id' in o ? o.id : String(o.value)))
          if (new Set(ids).size !== ids.length)
            add(
              [...path, 'options'],
              'duplicate option',
              q.type === 'choice' ? 'Hai lựa chọn có cùng mã; mỗi lựa chọn cần một mã riêng' : 'Hai lựa chọn có cùng số điểm',
              q.type === 'choice' ? 'Two options have the same id; each needs its own' : 'Two options give the same points',
            )
        }
        if (q.type === 'choice' && q.maxChoices !== undefined && (!q.multiple || q.maxChoices > q.options.length))
          add(
            [...path, 'maxChoices'],
            'maxChoices needs multiple: true and at most as many options',
            'Số lựa chọn tối đa chỉ dùng khi được chọn nhiều, và không quá số lựa chọn có',
            'A maximum needs "several answers" and at most as many options as there are',
          )
        if (q.type === 'choice' && q.minChoices !== undefined && q.minChoices > Math.min(q.maxChoices ?? q.options.length, q.multiple ? q.options.length : 1))
          add([...path, 'minChoices'], 'minChoices is more than can be chosen', 'Số lựa chọn tối thiểu lớn hơn số có thể chọn', 'The minimum is more than can be chosen')
        if (q.visibleIf) {
          // Only earlier questions may decide visibility, so a form can be filled in order.
          const on = seen.get(q.visibleIf.question)
          if (!on)
            add(
              [...path, 'visibleIf', 'question'],
              `unknown or later question "${q.visibleIf.question}"`,
              'Điều kiện hiển thị phải dựa vào một câu hỏi đứng trước câu này',
              'A display condition must depend on a question that comes before this one',
            )
          else {
            // A condition on an answer the question cannot give would hide this question for ever.
            const values: Array<string | number> =
              on.type === 'rating'
                ? (def.scales[on.scale] ?? []).map((p) => p.value)
                : on.type === 'points'
                  ? on.options.map((o) => o.value)
                  : on.type === 'choice'
                    ? on.options.map((o) => o.id)
                    : []
            const v = q.visibleIf.value
            const possible = on.type === 'text' ? false : q.visibleIf.op === 'lte' || q.visibleIf.op === 'gte' ? typeof v === 'number' && on.type !== 'choice' : values.includes(v)
            if (!possible)
              add(
                [...path, 'visibleIf', 'value'],
                `condition value ${JSON.stringify(v)} is not an answer of "${on.id}"`,
                'Câu trả lời trong điều kiện không còn là một lựa chọn của câu hỏi đó',
                'The answer in the condition is not one of that question’s answers',
              )
          }
        }
        seen.set(q.id, q)
      }),
    )
    const expect = (path: (string | number)[], id: string, types: Question['type'][]) => {
      const q = seen.get(id)
      if (!q) add(path, `unknown question "${id}"`, `Không có câu hỏi mã "${id}"`, `There is no question "${id}"`)
      else if (!types.includes(q.type))
        add(
          path,
          `question "${id}" must be ${types.join(' or ')}`,
          `Câu hỏi "${id}" phải là ${types.map((t) => typeWords[t].vi).join(' hoặc ')}`,
          `Question "${id}" must be ${types.map((t) => typeWords[t].en).join(' or ')}`,
        )
    }
    const rules = def.index
    if (rules.method === 'share') {
      if ((rules.headline === undefined) === (rules.elements === undefined))
        add(
          ['index'],
          'give exactly one of "headline" or "elements"',
          'Chỉ số tính theo một câu hỏi chính hoặc theo các yếu tố, chọn một trong hai',
          'The index uses either one headline question or elements: choose one',
        )
      if (rules.headline) expect(['index', 'headline'], rules.headline, ['rating'])
      rules.criteria.forEach((id, i) => expect(['index', 'criteria', i], id, ['rating']))
      rules.elements?.forEach((e, ei) =>
        e.criteria.forEach((id, i) => {
          if (!rules.criteria.includes(id))
            add(
              ['index', 'elements', ei, 'criteria', i],
              `"${id}" is not in index.criteria`,
              `Câu "${id}" chưa được chọn là tiêu chí của chỉ số`,
              `"${id}" is not a criterion of the index`,
            )
        }),
      )
      if (rules.headline && !rules.criteria.includes(rules.headline))
        add(
          ['index', 'headline'],
          `"${rules.headline}" is not in index.criteria`,
          `Câu chính "${rules.headline}" phải là một tiêu chí của chỉ số`,
          `The headline "${rules.headline}" must be a criterion of the index`,
        )
      if (rules.expectations) expect(['index', 'expectations'], rules.expectations, ['choice'])
      if (rules.reasons) expect(['index', 'reasons'], rules.reasons, ['choice'])
    } else {
      rules.indicators.forEach((id, i) => expect(['index', 'indicators', i], id, ['points']))
    }
    const scored = rules.method === 'share' ? rules.criteria.length : rules.indicators.length
    if (def.minimum && def.minimum.scoredAnswers > scored)
      add(
        ['minimum', 'scoredAnswers'],
        `at most ${scored}: the index scores ${scored} questions`,
        `Tối đa ${scored}: chỉ số tính trên ${scored} câu hỏi`,
        `At most ${scored}: the index scores ${scored} questions`,
      )
  })
export type SurveyDefinition = z.infer<typeof SurveyDefinition>
export type SurveyDefinitionInput = z.input<typeof SurveyDefinition>

/** Human-readable validation issues: `path.to.field: message`, one per line. */
export function formatIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('\n')
}
