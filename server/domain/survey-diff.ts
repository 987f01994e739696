import { questionsOf } from './questions.ts'
import type { Condition, Question, SurveyDefinition } from './survey-definition.ts'
import type { LocalizedText } from './text.ts'

/**
 * What changed between two versions of a questionnaire, in staff words, for the publish review. Items are
 * matched by their stable ids (questions, choice options), points options by their value and scales by name,
 * so a renamed option is a change of wording, not a removal and an addition.
 *
 * `breaks`: quarters answered to the old version and to the new one can no longer be compared in the index
 * (a criterion removed, the satisfied values or weights changed, a criterion's scale changed…);
 * `caution`: the index still computes the same way, but what people answer may shift (a criterion reworded);
 * `info`: everything else.
 */
export type ChangeSeverity = 'info' | 'caution' | 'breaks'

export interface DefinitionChange {
  kind: string
  /** the question (or index part) the change is about, for grouping */
  subject: string
  severity: ChangeSeverity
  text: LocalizedText
}

const cut = (s: string) => (s.length > 48 ? `${s.slice(0, 47)}…` : s)
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null)
/** The languages in which a text was reworded, each said as a change of its own. */
const reworded = (was: LocalizedText, now: LocalizedText) => (['vi', 'en'] as const).filter((lang) => was[lang] !== now[lang])

/** The questions whose answers the index is computed from. */
function counted(def: SurveyDefinition): Set<string> {
  const r = def.index
  if (r.method === 'points') return new Set(r.indicators)
  return new Set([...r.criteria, ...(r.headline ? [r.headline] : []), ...(r.elements ?? []).flatMap((e) => e.criteria)])
}

/** Question ids that are not in the longest run kept in the same order: those are the ones that moved. */
function moved(before: string[], after: string[]): Set<string> {
  const common = after.filter((id) => before.includes(id))
  const pos = common.map((id) => before.indexOf(id))
  // Longest increasing subsequence of the old positions (O(n²) is plenty for a questionnaire).
  const len = pos.map(() => 1)
  const prev = pos.map(() => -1)
  for (let i = 0; i < pos.length; i++)
    for (let j = 0; j < i; j++)
      if (pos[j]! < pos[i]! && len[j]! + 1 > len[i]!) {
        len[i] = len[j]! + 1
        prev[i] = j
      }
  const kept = new Set<string>()
  let at = len.indexOf(Math.max(0, ...len))
  while (at >= 0) {
    kept.add(common[at]!)
    at = prev[at]!
  }
  return new Set(common.filter((id) => !kept.has(id)))
}

function conditionWords(def: SurveyDefinition, q: Question): LocalizedText {
  const c = q.visibleIf
  if (!c) return { vi: 'luôn hiện', en: 'always shown' }
  const on = questionsOf(def).find((x) => x.id === c.question)
  const label = on ? { vi: `«${cut(on.text.vi)}»`, en: `«${cut(on.text.en)}»` } : { vi: c.question, en: c.question }
  const option = on?.type === 'choice' ? on.options.find((o) => o.id === c.value) : undefined
  const value = option ? { vi: `«${option.text.vi}»`, en: `«${option.text.en}»` } : { vi: String(c.value), en: String(c.value) }
  // Keyed by the operators the definition allows: the compiler asks for the words of any new one.
  const ops: Record<Condition['op'], LocalizedText> = {
    lte: { vi: '≤', en: '≤' },
    gte: { vi: '≥', en: '≥' },
    eq: { vi: 'là', en: 'is' },
    neq: { vi: 'khác', en: 'is not' },
    includes: { vi: 'có chọn', en: 'includes' },
  }
  return { vi: `hiện khi ${label.vi} ${ops[c.op].vi} ${value.vi}`, en: `shown when ${label.en} ${ops[c.op].en} ${value.en}` }
}

export function diffDefinitions(before: SurveyDefinition, after: SurveyDefinition): DefinitionChange[] {
  const out: DefinitionChange[] = []
  const add = (kind: string, subject: string, severity: ChangeSeverity, vi: string, en: string) => out.push({ kind, subject, severity, text: { vi, en } })
  const countedBefore = counted(before)
  const countedAfter = counted(after)
  const label = (q: Question) => ({ vi: `«${cut(q.text.vi)}»`, en: `«${cut(q.text.en)}»` })

  if (!same(before.title, after.title))
    add('title', '', 'info', `Tên phiếu: "${before.title.vi}" → "${after.title.vi}"`, `Survey title: "${before.title.en}" → "${after.title.en}"`)

  const oldQs = questionsOf(before)
  const newQs = questionsOf(after)
  const oldById = new Map(oldQs.map((q) => [q.id, q]))
  const newById = new Map(newQs.map((q) => [q.id, q]))
  const pageOf = (def: SurveyDefinition, id: string) => def.pages.findIndex((p) => p.questions.some((q) => q.id === id))

  for (const q of oldQs)
    if (!newById.has(q.id)) {
      const l = label(q)
      if (countedBefore.has(q.id))
        add(
          'question_removed',
          q.id,
          'breaks',
          `Bỏ câu ${l.vi}, một tiêu chí của chỉ số: các quý trước không còn so sánh được`,
          `Removed ${l.en}, a criterion of the index: earlier quarters are no longer comparable`,
        )
      else add('question_removed', q.id, 'info', `Bỏ câu ${l.vi}`, `Removed ${l.en}`)
    }
  for (const q of newQs)
    if (!oldById.has(q.id)) add('question_added', q.id, 'info', `Thêm câu ${label(q).vi} (${conditionWords(after, q).vi})`, `Added ${label(q).en} (${conditionWords(after, q).en})`)

  const movedIds = moved(
    oldQs.map((q) => q.id),
    newQs.map((q) => q.id),
  )
  for (const q of newQs) {
    const old = oldById.get(q.id)
    if (!old) continue
    const l = label(q)
    const isCounted = countedBefore.has(q.id) || countedAfter.has(q.id)
    const fromPage = pageOf(before, q.id)
    const toPage = pageOf(after, q.id)
    if (movedIds.has(q.id) || fromPage !== toPage)
      add(
        'question_moved',
        q.id,
        'info',
        `Chuyển câu ${l.vi}${fromPage !== toPage ? ` từ trang ${fromPage + 1} sang trang ${toPage + 1}` : ' sang vị trí khác'}`,
        `Moved ${l.en}${fromPage !== toPage ? ` from page ${fromPage + 1} to page ${toPage + 1}` : ' to another place'}`,
      )
    if (old.type !== q.type) {
      add(
        'question_type',
        q.id,
        isCounted ? 'breaks' : 'caution',
        `Câu ${l.vi} đổi loại câu hỏi: câu trả lời cũ và mới không so sánh được`,
        `${l.en} changed its type: old and new answers cannot be compared`,
      )
      continue
    }
    for (const lang of reworded(old.text, q.text))
      add(
        'question_text',
        q.id,
        isCounted ? 'caution' : 'info',
        `Đổi lời câu hỏi (${lang === 'vi' ? 'tiếng Việt' : 'tiếng Anh'}): "${old.text[lang]}" → "${q.text[lang]}"${isCounted ? '; câu này tính vào chỉ số, người trả lời có thể hiểu khác trước' : ''}`,
        `Question reworded (${lang === 'vi' ? 'Vietnamese' : 'English'}): "${old.text[lang]}" → "${q.text[lang]}"${isCounted ? '; it counts in the index, people may read it differently' : ''}`,
      )
    if (!same(old.hint, q.hint)) add('question_hint', q.id, 'info', `Câu ${l.vi}: đổi gợi ý`, `${l.en}: hint changed`)
    if (old.required !== q.required)
      add('question_required', q.id, 'info', `Câu ${l.vi}: ${q.required ? 'nay bắt buộc' : 'nay không bắt buộc'}`, `${l.en}: ${q.required ? 'now required' : 'now optional'}`)
    if (!same(old.visibleIf, q.visibleIf))
      add(
        'question_condition',
        q.id,
        isCounted ? 'caution' : 'info',
        `Câu ${l.vi}: điều kiện hiển thị "${conditionWords(before, old).vi}" → "${conditionWords(after, q).vi}"`,
        `${l.en}: condition "${conditionWords(before, old).en}" → "${conditionWords(after, q).en}"`,
      )
    if (old.type === 'rating' && q.type === 'rating') {
      const values = (def: SurveyDefinition, scale: string) => (def.scales[scale] ?? []).map((p) => p.value)
      if (!same(values(before, old.scale), values(after, q.scale)))
        add(
          'question_scale',
          q.id,
          isCounted ? 'breaks' : 'caution',
          `Câu ${l.vi} đổi thang đo (${values(before, old.scale).join(', ')} → ${values(after, q.scale).join(', ')})`,
          `${l.en} changed its scale (${values(before, old.scale).join(', ')} → ${values(after, q.scale).join(', ')})`,
        )
    }
    if (old.type === 'text' && q.type === 'text' && old.maxLength !== q.maxLength)
      add('question_limits', q.id, 'info', `Câu ${l.vi}: độ dài tối đa ${old.maxLength} → ${q.maxLength} ký tự`, `${l.en}: maximum length ${old.maxLength} → ${q.maxLength}`)
    if (old.type === 'choice' && q.type === 'choice') {
      const limits = (c: typeof q) => `${c.multiple ? 'nhiều' : 'một'}/${c.minChoices ?? '-'}/${c.maxChoices ?? '-'}`
      if (limits(old) !== limits(q))
        add(
          'question_limits',
          q.id,
          'info',
          `Câu ${l.vi}: cách chọn đổi (${old.multiple ? 'chọn nhiều' : 'chọn một'}, tối thiểu ${old.minChoices ?? 0}, tối đa ${old.maxChoices ?? '—'} → ${q.multiple ? 'chọn nhiều' : 'chọn một'}, tối thiểu ${q.minChoices ?? 0}, tối đa ${q.maxChoices ?? '—'})`,
          `${l.en}: choice rules changed (${old.multiple ? 'several' : 'one'}, min ${old.minChoices ?? 0}, max ${old.maxChoices ?? '—'} → ${q.multiple ? 'several' : 'one'}, min ${q.minChoices ?? 0}, max ${q.maxChoices ?? '—'})`,
        )
      const reported = before.index.method === 'share' && (before.index.reasons === q.id || before.index.expectations === q.id)
      const oldOpts = new Map(old.options.map((o) => [o.id, o]))
      const newOpts = new Map(q.options.map((o) => [o.id, o]))
      for (const o of old.options)
        if (!newOpts.has(o.id))
          add(
            'option_removed',
            q.id,
            reported ? 'caution' : 'info',
            `Câu ${l.vi}: bỏ lựa chọn «${o.text.vi}»${reported ? '; tỷ lệ lý do/mong muốn các quý trước có lựa chọn này' : ''}`,
            `${l.en}: removed option «${o.text.en}»${reported ? '; earlier quarters’ shares include it' : ''}`,
          )
      for (const o of q.options) {
        const was = oldOpts.get(o.id)
        if (!was) add('option_added', q.id, 'info', `Câu ${l.vi}: thêm lựa chọn «${o.text.vi}»`, `${l.en}: added option «${o.text.en}»`)
        else
          for (const lang of reworded(was.text, o.text))
            add(
              'option_text',
              q.id,
              'info',
              `Câu ${l.vi}: đổi lời lựa chọn "${was.text[lang]}" → "${o.text[lang]}"`,
              `${l.en}: option reworded "${was.text[lang]}" → "${o.text[lang]}"`,
            )
      }
      const order = (ids: string[], keep: Map<string, unknown>) => ids.filter((id) => keep.has(id)).join(',')
      if (
        order(
          old.options.map((o) => o.id),
          newOpts,
        ) !==
        order(
          q.options.map((o) => o.id),
          oldOpts,
        )
      )
        add('option_order', q.id, 'info', `Câu ${l.vi}: đổi thứ tự các lựa chọn`, `${l.en}: options reordered`)
    }
    if (old.type === 'points' && q.type === 'points') {
      const oldV = new Map(old.options.map((o) => [o.value, o]))
      const newV = new Map(q.options.map((o) => [o.value, o]))
      const severity: ChangeSeverity = isCounted ? 'breaks' : 'caution'
      for (const o of old.options)
        if (!newV.has(o.value)) add('option_removed', q.id, severity, `Câu ${l.vi}: bỏ mức ${o.value} điểm`, `${l.en}: removed the ${o.value}-point answer`)
      for (const o of q.options) {
        const was = oldV.get(o.value)
        if (!was) add('option_added', q.id, severity, `Câu ${l.vi}: thêm mức ${o.value} điểm`, `${l.en}: added a ${o.value}-point answer`)
        else if (!same(was.text, o.text))
          add(
            'option_text',
            q.id,
            'info',
            `Câu ${l.vi}: đổi lời mức ${o.value} điểm "${was.text.vi}" → "${o.text.vi}"`,
            `${l.en}: ${o.value}-point answer reworded "${was.text.en}" → "${o.text.en}"`,
          )
      }
    }
  }

  for (const [name, points] of Object.entries(after.scales)) {
    const old = before.scales[name]
    if (!old) continue
    for (const p of points) {
      const was = old.find((x) => x.value === p.value)
      if (was && !same(was.label, p.label))
        add(
          'scale_label',
          name,
          'info',
          `Thang đo: đổi nhãn mức ${p.value} "${was.label.vi}" → "${p.label.vi}"`,
          `Scale: level ${p.value} relabelled "${was.label.en}" → "${p.label.en}"`,
        )
    }
  }

  if (!same(before.minimum, after.minimum)) {
    const words = (m: SurveyDefinition['minimum']) =>
      m
        ? { vi: `ít nhất ${m.scoredAnswers} câu tính điểm`, en: `at least ${m.scoredAnswers} scored answers` }
        : { vi: 'ít nhất một câu tính điểm', en: 'at least one scored answer' }
    add(
      'minimum',
      'index',
      'caution',
      `Phiếu được nhận khi có ${words(before.minimum).vi} → ${words(after.minimum).vi}`,
      `A response is taken with ${words(before.minimum).en} → ${words(after.minimum).en}`,
    )
  }
  diffIndex(before, after, add)
  return out
}

function diffIndex(before: SurveyDefinition, after: SurveyDefinition, add: (kind: string, subject: string, severity: ChangeSeverity, vi: string, en: string) => void) {
  const a = before.index
  const b = after.index
  const name = (def: SurveyDefinition, id: string) => {
    const q = questionsOf(def).find((x) => x.id === id)
    return q ? { vi: `«${cut(q.text.vi)}»`, en: `«${cut(q.text.en)}»` } : { vi: id, en: id }
  }
  if (a.method !== b.method)
    return add(
      'index_method',
      'index',
      'breaks',
      'Đổi cách tính chỉ số: các quý trước không còn so sánh được',
      'The index method changed: earlier quarters are no longer comparable',
    )
  const listDiff = (kind: string, olds: string[], news: string[], word: { vi: string; en: string }) => {
    for (const id of olds)
      if (!news.includes(id))
        add(
          `${kind}_removed`,
          id,
          'breaks',
          `Chỉ số: bỏ ${word.vi} ${name(before, id).vi} — các quý trước không còn so sánh được`,
          `Index: removed the ${word.en} ${name(before, id).en}; earlier quarters are no longer comparable`,
        )
    for (const id of news)
      if (!olds.includes(id))
        add(
          `${kind}_added`,
          id,
          kind === 'indicator' ? 'breaks' : 'info',
          `Chỉ số: thêm ${word.vi} ${name(after, id).vi}${kind === 'indicator' ? ' — tổng điểm không còn so sánh được với các quý trước' : ''}`,
          `Index: added the ${word.en} ${name(after, id).en}${kind === 'indicator' ? '; total points are no longer comparable' : ''}`,
        )
  }
  if (a.method === 'share' && b.method === 'share') {
    if (!same([...a.satisfiedValues].sort(), [...b.satisfiedValues].sort()))
      add(
        'index_satisfied',
        'index',
        'breaks',
        `Chỉ số: mức được tính là hài lòng ${a.satisfiedValues.join(', ')} → ${b.satisfiedValues.join(', ')}`,
        `Index: satisfied values ${a.satisfiedValues.join(', ')} → ${b.satisfiedValues.join(', ')}`,
      )
    if (a.headline !== b.headline)
      add(
        'index_headline',
        'index',
        'breaks',
        `Chỉ số: câu hỏi chính ${a.headline ? name(before, a.headline).vi : '(không có)'} → ${b.headline ? name(after, b.headline).vi : '(không có)'}`,
        `Index: headline ${a.headline ? name(before, a.headline).en : '(none)'} → ${b.headline ? name(after, b.headline).en : '(none)'}`,
      )
    listDiff('criterion', a.criteria, b.criteria, { vi: 'tiêu chí', en: 'criterion' })
    const oldEl = new Map((a.elements ?? []).map((e) => [e.id, e]))
    const newEl = new Map((b.elements ?? []).map((e) => [e.id, e]))
    for (const e of a.elements ?? []) if (!newEl.has(e.id)) add('element_removed', e.id, 'breaks', `Chỉ số: bỏ yếu tố «${e.text.vi}»`, `Index: removed the element «${e.text.en}»`)
    for (const e of b.elements ?? []) {
      const was = oldEl.get(e.id)
      if (!was) add('element_added', e.id, 'breaks', `Chỉ số: thêm yếu tố «${e.text.vi}»`, `Index: added the element «${e.text.en}»`)
      else {
        if (was.weight !== e.weight)
          add('element_weight', e.id, 'breaks', `Chỉ số: trọng số yếu tố «${e.text.vi}» ${was.weight} → ${e.weight}`, `Index: weight of «${e.text.en}» ${was.weight} → ${e.weight}`)
        if (!same([...was.criteria].sort(), [...e.criteria].sort()))
          add('element_criteria', e.id, 'breaks', `Chỉ số: đổi các tiêu chí của yếu tố «${e.text.vi}»`, `Index: the criteria of «${e.text.en}» changed`)
        if (!same(was.text, e.text))
          add('element_text', e.id, 'info', `Chỉ số: đổi tên yếu tố "${was.text.vi}" → "${e.text.vi}"`, `Index: element renamed "${was.text.en}" → "${e.text.en}"`)
      }
    }
    for (const part of ['reasons', 'expectations'] as const)
      if (a[part] !== b[part])
        add(
          `index_${part}`,
          'index',
          'caution',
          `Chỉ số: câu ${part === 'reasons' ? 'lý do chưa hài lòng' : 'mong muốn cải thiện'} ${a[part] ? name(before, a[part]).vi : '(không có)'} → ${b[part] ? name(after, b[part]).vi : '(không có)'}`,
          `Index: the ${part} question ${a[part] ? name(before, a[part]).en : '(none)'} → ${b[part] ? name(after, b[part]).en : '(none)'}`,
        )
  }
  if (a.method === 'points' && b.method === 'points') {
    listDiff('indicator', a.indicators, b.indicators, { vi: 'chỉ tiêu', en: 'indicator' })
    if (a.decimals !== b.decimals)
      add('index_decimals', 'index', 'breaks', `Chỉ số: làm tròn ${a.decimals} → ${b.decimals} chữ số thập phân`, `Index: rounding ${a.decimals} → ${b.decimals} decimals`)
    if (!same(a.bands, b.bands)) add('index_bands', 'index', 'caution', 'Chỉ số: đổi các mức xếp loại', 'Index: the rating bands changed')
  }
}

/** The changes that make the new version's index not comparable with earlier quarters. */
export function comparabilityBreaks(changes: DefinitionChange[]): DefinitionChange[] {
  return changes.filter((c) => c.severity === 'breaks')
}
