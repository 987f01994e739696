import { issue, type FieldIssue } from './errors.ts'
import type { Condition, Question, SurveyDefinition } from './survey-definition.ts'
import { questionsOf } from './questions.ts'
import { nfc, UNSAFE_TEXT } from './text.ts'

/** A validated answer set: unanswered questions ("không có ý kiến") are simply absent. */
export type AnswerValue = number | string | string[]
export type Answers = Record<string, AnswerValue>

export type AnswerCheck = { ok: true; answers: Answers } | { ok: false; issues: FieldIssue[] }

function isUnanswered(v: unknown): boolean {
  return v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0)
}

export function isVisible(condition: Condition | undefined, answers: Answers): boolean {
  if (!condition) return true
  const v = answers[condition.question]
  if (v === undefined) return false
  switch (condition.op) {
    case 'lte':
      return typeof v === 'number' && typeof condition.value === 'number' && v <= condition.value
    case 'gte':
      return typeof v === 'number' && typeof condition.value === 'number' && v >= condition.value
    case 'eq':
      return v === condition.value
    case 'neq':
      return v !== condition.value
    case 'includes':
      return Array.isArray(v) ? v.includes(String(condition.value)) : v === condition.value
  }
}

function allowedValues(def: SurveyDefinition, q: Question): number[] {
  if (q.type === 'rating') return (def.scales[q.scale] ?? []).map((p) => p.value)
  if (q.type === 'points') return q.options.map((o) => o.value)
  return []
}

function checkOne(def: SurveyDefinition, q: Question, raw: unknown): { value: AnswerValue } | { issue: FieldIssue } {
  const field = `answers.${q.id}`
  switch (q.type) {
    case 'rating':
    case 'points': {
      const allowed = allowedValues(def, q)
      if (typeof raw !== 'number' || !Number.isInteger(raw)) return { issue: issue(field, 'invalid_type', 'Phải là một số nguyên', 'Must be a whole number') }
      if (!allowed.includes(raw))
        return {
          issue: issue(field, 'out_of_range', `Giá trị phải là một trong ${allowed.join(', ')}`, `Value must be one of ${allowed.join(', ')}`),
        }
      return { value: raw }
    }
    case 'choice': {
      const ids = q.options.map((o) => o.id)
      if (!q.multiple) {
        if (typeof raw !== 'string') return { issue: issue(field, 'invalid_type', 'Phải là mã một lựa chọn', 'Must be one option id') }
        if (!ids.includes(raw)) return { issue: issue(field, 'unknown_option', `Lựa chọn không tồn tại: ${raw}`, `Unknown option: ${raw}`) }
        return { value: raw }
      }
      if (!Array.isArray(raw) || raw.some((x) => typeof x !== 'string'))
        return { issue: issue(field, 'invalid_type', 'Phải là danh sách mã lựa chọn', 'Must be a list of option ids') }
      const list = raw as string[]
      const unknown = list.find((x) => !ids.includes(x))
      if (unknown !== undefined) return { issue: issue(field, 'unknown_option', `Lựa chọn không tồn tại: ${unknown}`, `Unknown option: ${unknown}`) }
      if (new Set(list).size !== list.length) return { issue: issue(field, 'duplicate_option', 'Một lựa chọn bị chọn hai lần', 'An option is chosen twice') }
      if (q.maxChoices !== undefined && list.length > q.maxChoices)
        return {
          issue: issue(field, 'too_many_choices', `Chọn tối đa ${q.maxChoices} mục`, `Choose at most ${q.maxChoices} options`),
        }
      if (q.minChoices !== undefined && list.length < q.minChoices)
        return {
          issue: issue(field, 'too_few_choices', `Chọn ít nhất ${q.minChoices} mục`, `Choose at least ${q.minChoices} options`),
        }
      // Stored in the definition's option order so equal answer sets hash equally.
      return { value: ids.filter((id) => list.includes(id)) }
    }
    case 'text': {
      if (typeof raw !== 'string') return { issue: issue(field, 'invalid_type', 'Phải là văn bản', 'Must be text') }
      const text = nfc(raw).trim()
      if (UNSAFE_TEXT.test(text)) return { issue: issue(field, 'invalid_text', 'Văn bản chứa ký tự điều khiển', 'Text contains control characters') }
      if ([...text].length > q.maxLength)
        return {
          issue: issue(field, 'text_too_long', `Tối đa ${q.maxLength} ký tự`, `At most ${q.maxLength} characters`),
        }
      return { value: text }
    }
  }
}

/** The questions the index scores, in questionnaire order. */
export function scoredQuestions(def: SurveyDefinition): string[] {
  const ids = def.index.method === 'share' ? def.index.criteria : def.index.indicators
  return questionsOf(def)
    .filter((q) => ids.includes(q.id))
    .map((q) => q.id)
}

/** How many scored answers a response needs: the definition's `minimum`, else one (versions published before the field). */
export function minimumOf(def: SurveyDefinition): number {
  return def.minimum?.scoredAnswers ?? 1
}

/**
 * Checks a citizen's answers against one survey version and returns them normalised
 * (NFC text, options in definition order, unanswered questions dropped), or every problem found.
 */
export function checkAnswers(def: SurveyDefinition, input: unknown): AnswerCheck {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return { ok: false, issues: [issue('answers', 'invalid_type', 'Câu trả lời phải là một đối tượng', 'Answers must be an object')] }
  const raw = input as Record<string, unknown>
  const questions = questionsOf(def)
  const known = new Set(questions.map((q) => q.id))
  const issues: FieldIssue[] = []
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) issues.push(issue(`answers.${key}`, 'unknown_question', 'Câu hỏi không có trong phiếu', 'No such question in this survey'))
  }
  const answers: Answers = {}
  for (const q of questions) {
    const value = Object.hasOwn(raw, q.id) ? raw[q.id] : undefined
    const visible = isVisible(q.visibleIf, answers)
    if (isUnanswered(value)) {
      if (visible && q.required) issues.push(issue(`answers.${q.id}`, 'required', 'Câu hỏi này bắt buộc', 'This question is required'))
      continue
    }
    if (!visible) {
      issues.push(issue(`answers.${q.id}`, 'hidden_question', 'Câu hỏi này không áp dụng với câu trả lời đã chọn', 'This question does not apply to the answers given'))
      continue
    }
    const result = checkOne(def, q, value)
    if ('issue' in result) issues.push(result.issue)
    else if (!(typeof result.value === 'string' && result.value === '')) answers[q.id] = result.value
  }
  // Below the minimum a response says nothing the index can count (a blank form would use up a receipt
  // code for nothing); the reason is put on the first scored question, so a form can show it there.
  const scored = scoredQuestions(def)
  const need = minimumOf(def)
  const given = scored.filter((id) => answers[id] !== undefined || (Object.hasOwn(raw, id) && !isUnanswered(raw[id]))).length
  if (given < need && scored.length && !issues.some((i) => scored.includes(i.field.slice('answers.'.length))))
    issues.push(
      issue(
        `answers.${scored[0]}`,
        'too_few_answers',
        need === 1
          ? 'Phiếu chưa có câu trả lời đánh giá nào: hãy chọn mức độ hài lòng cho ít nhất một câu hỏi'
          : `Hãy chọn mức độ hài lòng cho ít nhất ${need} câu hỏi (mới có ${given})`,
        need === 1 ? 'The form has no rating yet: rate at least one question' : `Rate at least ${need} questions (${given} so far)`,
      ),
    )
  return issues.length ? { ok: false, issues } : { ok: true, answers }
}
