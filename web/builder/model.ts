import type { Condition } from '../../server/domain/survey-definition.ts'

/**
 * The builder edits the definition in its own shape, so every field's path (`pages.1.questions.2.id`) is the
 * path the schema's problems name. Items carry two things of the builder's own, stripped before saving:
 * `_k`, a key that stays with the item while it moves, and `_auto`, set while its id still follows its
 * Vietnamese text (new items only: an id copied from a published version never changes by itself).
 */
export interface Text {
  vi: string
  en: string
}
interface Keyed {
  _k: string
  _auto?: boolean
}
export interface BOption extends Keyed {
  id: string
  text: Text
}
export interface BPoint extends Keyed {
  value: number | undefined
  text: Text
}
export type QType = 'rating' | 'choice' | 'text' | 'points'
export interface BQuestion extends Keyed {
  id: string
  type: QType
  text: Text
  hint?: Text
  required: boolean
  visibleIf?: Condition
  scale?: string
  multiple?: boolean
  minChoices?: number
  maxChoices?: number
  options?: BOption[]
  points?: BPoint[]
  maxLength?: number
}
export interface BPage extends Keyed {
  id: string
  title?: Text
  questions: BQuestion[]
}
export interface BScalePoint {
  value: number
  label: Text
}
export interface BElement extends Keyed {
  id: string
  text: Text
  weight: number | undefined
  criteria: string[]
}
export interface BShare {
  method: 'share'
  satisfiedValues: number[]
  headline?: string
  elements?: BElement[]
  criteria: string[]
  expectations?: string
  reasons?: string
}
export interface BPoints {
  method: 'points'
  indicators: string[]
  decimals: number | undefined
  bands?: Array<{ min: number; label: Text }>
}
export interface BDef {
  instrument: string
  version: number
  title: Text
  source?: string
  scales: Record<string, BScalePoint[]>
  pages: BPage[]
  index: BShare | BPoints
  /** the least a response must contain: how many scored questions answered */
  minimum?: { scoredAnswers: number | undefined }
  /** top-level fields the builder does not edit, kept as they were */
  rest: Record<string, unknown>
}

let counter = 0
export const newKey = () => `k${++counter}`

/** An id from Vietnamese text: no diacritics (đ → d), lowercase, words joined by "-", at most 40 characters. */
export function idFromText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '')
}

/** `base`, or `base-2`, `base-3`… when taken. */
export function uniqueId(base: string, taken: Set<string>): string {
  const root = base || 'cau-hoi'
  if (!taken.has(root)) return root
  for (let n = 2; ; n++) if (!taken.has(`${root}-${n}`)) return `${root}-${n}`
}

const str = (v: unknown) => (typeof v === 'string' ? v : '')
const text = (v: unknown): Text => {
  const o = (v && typeof v === 'object' ? v : {}) as Record<string, unknown>
  return { vi: str(o.vi), en: str(o.en) }
}
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : [])
const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {})
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)
const types: QType[] = ['rating', 'choice', 'text', 'points']

/** Any stored draft or imported JSON into the builder's shape; what cannot be read starts empty. */
const known = new Set(['instrument', 'version', 'title', 'source', 'scales', 'pages', 'index', 'minimum'])

export function fromDefinition(raw: unknown): BDef {
  const d = obj(raw)
  const rest = Object.fromEntries(Object.entries(d).filter(([k]) => !known.has(k)))
  const scales: Record<string, BScalePoint[]> = {}
  for (const [name, points] of Object.entries(obj(d.scales))) scales[name] = arr(points).map((p) => ({ value: num(obj(p).value) ?? 0, label: text(obj(p).label) }))
  const rules = obj(d.index)
  const index: BShare | BPoints =
    rules.method === 'points'
      ? {
          method: 'points',
          indicators: arr(rules.indicators).map(str),
          decimals: num(rules.decimals) ?? 1,
          ...(rules.bands ? { bands: arr(rules.bands).map((b) => ({ min: num(obj(b).min) ?? 0, label: text(obj(b).label) })) } : {}),
        }
      : {
          method: 'share',
          satisfiedValues: arr(rules.satisfiedValues).filter((v): v is number => typeof v === 'number'),
          criteria: arr(rules.criteria).map(str),
          ...(typeof rules.headline === 'string' ? { headline: rules.headline } : {}),
          ...(rules.elements
            ? {
                elements: arr(rules.elements).map((e) => ({
                  _k: newKey(),
                  id: str(obj(e).id),
                  text: text(obj(e).text),
                  weight: num(obj(e).weight) ?? 1,
                  criteria: arr(obj(e).criteria).map(str),
                })),
              }
            : {}),
          ...(typeof rules.expectations === 'string' ? { expectations: rules.expectations } : {}),
          ...(typeof rules.reasons === 'string' ? { reasons: rules.reasons } : {}),
        }
  return {
    instrument: str(d.instrument),
    version: num(d.version) ?? 1,
    title: text(d.title),
    ...(typeof d.source === 'string' ? { source: d.source } : {}),
    scales,
    index,
    ...(d.minimum ? { minimum: { scoredAnswers: num(obj(d.minimum).scoredAnswers) } } : {}),
    rest,
    pages: arr(d.pages).map((p) => ({
      _k: newKey(),
      id: str(obj(p).id),
      ...(obj(p).title ? { title: text(obj(p).title) } : {}),
      questions: arr(obj(p).questions).map((x) => {
        const q = obj(x)
        const type = types.includes(q.type as QType) ? (q.type as QType) : 'text'
        const base: BQuestion = { _k: newKey(), id: str(q.id), type, text: text(q.text), required: q.required === true }
        if (q.hint) base.hint = text(q.hint)
        if (q.visibleIf) base.visibleIf = obj(q.visibleIf) as unknown as Condition
        if (type === 'rating') base.scale = str(q.scale)
        if (type === 'text') base.maxLength = num(q.maxLength)
        if (type === 'choice') {
          base.multiple = q.multiple === true
          base.minChoices = num(q.minChoices)
          base.maxChoices = num(q.maxChoices)
          base.options = arr(q.options).map((o) => ({ _k: newKey(), id: str(obj(o).id), text: text(obj(o).text) }))
        }
        if (type === 'points') base.points = arr(q.options).map((o) => ({ _k: newKey(), value: num(obj(o).value), text: text(obj(o).text) }))
        return base
      }),
    })),
  }
}

const hasText = (t: Text | undefined) => !!t && (t.vi.trim() !== '' || t.en.trim() !== '')

/** The builder's shape back into a definition (what is saved, checked and previewed). */
export function toDefinition(b: BDef): Record<string, unknown> {
  return {
    ...b.rest,
    instrument: b.instrument,
    version: b.version,
    title: b.title,
    ...(b.source ? { source: b.source } : {}),
    scales: b.scales,
    ...(b.minimum ? { minimum: b.minimum } : {}),
    pages: b.pages.map((p) => ({
      id: p.id,
      ...(hasText(p.title) ? { title: p.title } : {}),
      questions: p.questions.map((q) => {
        const out: Record<string, unknown> = { id: q.id, type: q.type, text: q.text, required: q.required }
        if (hasText(q.hint)) out.hint = q.hint
        if (q.visibleIf) out.visibleIf = q.visibleIf
        if (q.type === 'rating') out.scale = q.scale ?? ''
        if (q.type === 'text') out.maxLength = q.maxLength
        if (q.type === 'choice') {
          out.multiple = q.multiple ?? false
          if (q.multiple && q.minChoices !== undefined) out.minChoices = q.minChoices
          if (q.multiple && q.maxChoices !== undefined) out.maxChoices = q.maxChoices
          out.options = (q.options ?? []).map((o) => ({ id: o.id, text: o.text }))
        }
        if (q.type === 'points') out.options = (q.points ?? []).map((o) => ({ value: o.value, text: o.text }))
        return out
      }),
    })),
    index:
      b.index.method === 'points'
        ? { method: 'points', indicators: b.index.indicators, decimals: b.index.decimals, ...(b.index.bands ? { bands: b.index.bands } : {}) }
        : {
            method: 'share',
            satisfiedValues: b.index.satisfiedValues,
            criteria: b.index.criteria,
            ...(b.index.headline !== undefined ? { headline: b.index.headline } : {}),
            ...(b.index.elements ? { elements: b.index.elements.map((e) => ({ id: e.id, text: e.text, weight: e.weight, criteria: e.criteria })) } : {}),
            ...(b.index.expectations ? { expectations: b.index.expectations } : {}),
            ...(b.index.reasons ? { reasons: b.index.reasons } : {}),
          },
  }
}

export const allQuestions = (b: BDef) => b.pages.flatMap((p) => p.questions)

/** A copy of the list with the item at `i` changed by `patch` (an option's text, an element's weight). */
export const patchAt = <T>(list: T[], i: number, patch: Partial<T>): T[] => list.map((x, j) => (j === i ? { ...x, ...patch } : x))

/** A copy of the list without the item at `i`. */
export const removeAt = <T>(list: T[], i: number): T[] => list.filter((_, j) => j !== i)

/** Moves the item at `from` to `to` in a copy of the list. */
export function move<T>(list: T[], from: number, to: number): T[] {
  const next = [...list]
  const [item] = next.splice(from, 1)
  next.splice(Math.max(0, Math.min(next.length, to)), 0, item!)
  return next
}

/**
 * A question's references in the index rule and conditions follow a change of its id, unless either id is
 * another question's too: then which question they meant is not known, and the schema says where they point.
 */
export function renameReferences(b: BDef, from: string, to: string, key: string): BDef {
  const others = new Set(
    allQuestions(b)
      .filter((q) => q._k !== key)
      .map((q) => q.id),
  )
  if (from === to || !from || others.has(from) || others.has(to)) return b
  const swap = (id: string) => (id === from ? to : id)
  const index: BShare | BPoints =
    b.index.method === 'points'
      ? { ...b.index, indicators: b.index.indicators.map(swap) }
      : {
          ...b.index,
          criteria: b.index.criteria.map(swap),
          ...(b.index.headline !== undefined ? { headline: swap(b.index.headline) } : {}),
          ...(b.index.elements ? { elements: b.index.elements.map((e) => ({ ...e, criteria: e.criteria.map(swap) })) } : {}),
          ...(b.index.reasons ? { reasons: swap(b.index.reasons) } : {}),
          ...(b.index.expectations ? { expectations: swap(b.index.expectations) } : {}),
        }
  return {
    ...b,
    index,
    pages: b.pages.map((p) => ({ ...p, questions: p.questions.map((q) => (q.visibleIf?.question === from ? { ...q, visibleIf: { ...q.visibleIf, question: to } } : q)) })),
  }
}

/** A question removed: the index rule forgets it; conditions on it stay, and the schema says where they point nowhere. */
export function dropReferences(b: BDef, id: string): BDef {
  const keep = (x: string) => x !== id
  const index: BShare | BPoints =
    b.index.method === 'points'
      ? { ...b.index, indicators: b.index.indicators.filter(keep) }
      : {
          ...b.index,
          criteria: b.index.criteria.filter(keep),
          ...(b.index.elements ? { elements: b.index.elements.map((e) => ({ ...e, criteria: e.criteria.filter(keep) })) } : {}),
          ...(b.index.reasons === id ? { reasons: undefined } : {}),
          ...(b.index.expectations === id ? { expectations: undefined } : {}),
        }
  return { ...b, index }
}
