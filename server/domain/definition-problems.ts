import type { z } from 'zod'
import { issue, type FieldIssue } from './errors.ts'
import { SurveyDefinition } from './survey-definition.ts'
import { s as w, type LocalizedText } from './text.ts'

/**
 * The survey definition schema's issues in words a staff member understands, each tied to the field it
 * concerns (its path in the definition, e.g. `pages.1.questions.2.id`). The builder shows them beside the
 * field as it is typed; the server refuses a publish with the same list.
 */
export interface DefinitionProblem {
  /** dotted path in the definition */
  path: string
  /** the schema's issue code (`custom` for the cross-checks) */
  code: string
  /** where it is, for a list of problems: "Trang 2, câu 3" */
  where: LocalizedText
  message: LocalizedText
}

export type DefinitionCheck = { ok: true; definition: SurveyDefinition } | { ok: false; problems: DefinitionProblem[] }

/** The field a path ends in, in words (lowercase: it follows "Trang 2, câu 3, …"). */
const fieldWords: Record<string, LocalizedText> = {
  id: w('mã', 'id'),
  scale: w('thang đo', 'scale'),
  maxChoices: w('chọn tối đa', 'at most'),
  minChoices: w('chọn tối thiểu', 'at least'),
  maxLength: w('độ dài tối đa', 'maximum length'),
  value: w('giá trị', 'value'),
  question: w('câu hỏi điều kiện', 'condition question'),
  op: w('phép so sánh', 'comparison'),
  weight: w('trọng số', 'weight'),
  criteria: w('tiêu chí', 'criteria'),
  indicators: w('chỉ tiêu', 'indicators'),
  satisfiedValues: w('mức được tính là hài lòng', 'values counted as satisfied'),
  headline: w('câu hỏi chính', 'headline question'),
  reasons: w('câu lý do chưa hài lòng', 'reasons question'),
  expectations: w('câu mong muốn', 'expectations question'),
}
const langWords: Record<string, LocalizedText> = { vi: w('tiếng Việt', 'Vietnamese'), en: w('tiếng Anh', 'English') }

function where(path: PropertyKey[]): LocalizedText {
  const parts: LocalizedText[] = []
  for (let i = 0; i < path.length; i++) {
    const k = path[i]
    const n = typeof path[i + 1] === 'number' ? (path[i + 1] as number) + 1 : null
    if (k === 'pages' && n) parts.push(w(`Trang ${n}`, `Page ${n}`))
    else if (k === 'questions' && n) parts.push(w(`câu ${n}`, `question ${n}`))
    else if (k === 'options' && n) parts.push(w(`lựa chọn ${n}`, `option ${n}`))
    else if (k === 'elements' && n) parts.push(w(`yếu tố ${n}`, `element ${n}`))
    else if (k === 'index' && i === 0) parts.push(w('Cách tính chỉ số', 'Index rule'))
    else if (k === 'title' && i === 0) parts.push(w('Tên phiếu', 'Survey title'))
    else if (k === 'visibleIf') parts.push(w('điều kiện hiển thị', 'display condition'))
    else if (k === 'scales' && typeof path[i + 1] === 'string') parts.push(w(`thang đo "${String(path[i + 1])}"`, `scale "${String(path[i + 1])}"`))
    else if ((k === 'vi' || k === 'en') && i === path.length - 1) {
      const what = path[i - 1] === 'hint' ? w('gợi ý', 'hint') : path[i - 1] === 'label' ? w('nhãn', 'label') : i === 1 ? null : w('nội dung', 'text')
      parts.push(what ? w(`${what.vi} ${langWords[k]!.vi}`, `${langWords[k]!.en} ${what.en}`) : langWords[k]!)
    } else if (typeof k === 'string' && fieldWords[k] && path.slice(i + 1).every((x) => typeof x === 'number')) parts.push(fieldWords[k])
  }
  if (!parts.length) return w('Phiếu', 'Survey')
  const join = (l: 'vi' | 'en') => parts.map((p) => p[l]).join(', ')
  const text = w(join('vi'), join('en'))
  return w(text.vi[0]!.toUpperCase() + text.vi.slice(1), text.en[0]!.toUpperCase() + text.en.slice(1))
}

/** One zod issue in staff words: the schema's own words when it gave them, else by the field and the kind of problem. */
function words(i: z.core.$ZodIssue): LocalizedText {
  const params = (i as { params?: Partial<LocalizedText> }).params
  if (params?.vi && params.en) return w(params.vi, params.en)
  const last = i.path.at(-1)
  const missing = i.code === 'invalid_type' && (i as { input?: unknown }).input === undefined
  if (last === 'vi' || last === 'en') {
    const lang = last === 'vi' ? w('tiếng Việt', 'Vietnamese') : w('tiếng Anh', 'English')
    if (missing || i.code === 'too_small') return w(`Chưa nhập nội dung ${lang.vi}`, `The ${lang.en} text is missing`)
  }
  if (last === 'id' || i.code === 'invalid_format') {
    if (missing || i.code === 'too_small') return w('Chưa có mã', 'The id is missing')
    return w(
      'Mã chỉ gồm chữ thường không dấu, chữ số, "-" và "_", bắt đầu bằng chữ hoặc số',
      'An id is lowercase letters without accents, digits, "-" and "_", starting with a letter or digit',
    )
  }
  if (i.code === 'too_small') {
    const min = Number((i as { minimum?: unknown }).minimum)
    if (last === 'options') return w(`Cần ít nhất ${min} lựa chọn`, `At least ${min} options are needed`)
    if (last === 'questions') return w('Trang cần ít nhất một câu hỏi', 'A page needs at least one question')
    if (last === 'pages') return w('Phiếu cần ít nhất một trang', 'A survey needs at least one page')
    if (last === 'criteria' || last === 'indicators' || last === 'satisfiedValues') return w('Chọn ít nhất một mục', 'Choose at least one')
    if (last === 'weight') return w('Trọng số phải lớn hơn 0', 'The weight must be more than 0')
    return w(`Giá trị phải từ ${min} trở lên`, `The value must be at least ${min}`)
  }
  if (i.code === 'too_big')
    return w(`Giá trị phải không quá ${String((i as { maximum?: unknown }).maximum)}`, `The value must be at most ${String((i as { maximum?: unknown }).maximum)}`)
  if (missing) return w('Chưa điền', 'Not filled in')
  if (i.code === 'invalid_type') return w('Giá trị không đúng loại (cần một số hoặc nội dung khác)', 'This value is of the wrong kind')
  if (i.code === 'invalid_union' && last === 'type') return w('Loại câu hỏi không có trong danh sách', 'Not a known question type')
  return w('Giá trị không hợp lệ', 'This value is not valid')
}

export function problemsOf(error: z.ZodError): DefinitionProblem[] {
  return error.issues.map((i) => ({ path: i.path.map(String).join('.'), code: i.code, where: where(i.path), message: words(i) }))
}

/** Checks a definition with the one schema; problems in staff words, tied to their fields. */
export function checkDefinition(input: unknown): DefinitionCheck {
  const parsed = SurveyDefinition.safeParse(input)
  return parsed.success ? { ok: true, definition: parsed.data } : { ok: false, problems: problemsOf(parsed.error) }
}

/** The same problems as field-level reasons of an API refusal (`definition.pages.0…`). */
export function problemIssues(problems: DefinitionProblem[], prefix = 'definition'): FieldIssue[] {
  return problems.map((p) => issue([prefix, p.path].filter(Boolean).join('.'), p.code, `${p.where.vi}: ${p.message.vi}`, `${p.where.en}: ${p.message.en}`))
}
