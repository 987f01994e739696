import { createContext, type ComponentChildren } from 'preact'
import { useContext } from 'preact/hooks'
import type { DefinitionProblem } from '../../server/domain/definition-problems.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { t, type Lang } from '../lib/i18n.ts'
import { s } from '../lib/strings.ts'
import { patchAt, type Text } from './model.ts'

/** The schema's problems by field path, and the staff member's language: every field looks itself up. */
export interface BuilderContext {
  problems: Map<string, DefinitionProblem>
  lang: Lang
}
export const Builder = createContext<BuilderContext>({ problems: new Map(), lang: 'vi' })

export const fieldId = (path: string) => `f-${path.replace(/\./g, '-')}`
const problemId = (path: string) => `p-${path.replace(/\./g, '-')}`

export function useField(path: string) {
  const { problems, lang } = useContext(Builder)
  const problem = problems.get(path)
  return {
    lang,
    tr: (text: LocalizedText) => t(text, lang),
    problem,
    props: { id: fieldId(path), 'aria-invalid': problem ? ('true' as const) : undefined, 'aria-describedby': problem ? problemId(path) : undefined },
  }
}

/** The problem of one field, said beside it. */
export function Problem({ path }: { path: string }) {
  const { problems, lang } = useContext(Builder)
  const p = problems.get(path)
  return p ? (
    <p class="field-problem" id={problemId(path)}>
      {p.message[lang]}
    </p>
  ) : null
}

/** Problems within a part (a question, a page): how many, for its summary line. */
export function useProblemsUnder(prefix: string): number {
  const { problems } = useContext(Builder)
  let n = 0
  for (const path of problems.keys()) if (path === prefix || path.startsWith(`${prefix}.`)) n++
  return n
}

export function TextField(props: {
  path: string
  label: string
  value: string
  onInput(v: string): void
  onFocus?(): void
  onCommit?(v: string): void
  wide?: boolean
  placeholder?: string
}) {
  const f = useField(props.path)
  return (
    <div class={`field ${props.wide ? 'wide' : ''}`}>
      <label for={f.props.id}>{props.label}</label>
      <input
        type="text"
        {...f.props}
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput((e.target as HTMLInputElement).value)}
        onFocus={props.onFocus}
        onChange={(e) => props.onCommit?.((e.target as HTMLInputElement).value.trim())}
      />
      <Problem path={props.path} />
    </div>
  )
}

export function NumberField(props: { path: string; label: string; value: number | undefined; onInput(v: number | undefined): void; min?: number; step?: number }) {
  const f = useField(props.path)
  return (
    <div class="field narrow">
      <label for={f.props.id}>{props.label}</label>
      <input
        type="number"
        inputMode="decimal"
        {...f.props}
        min={props.min}
        step={props.step ?? 1}
        value={props.value ?? ''}
        onInput={(e) => {
          const raw = (e.target as HTMLInputElement).value
          props.onInput(raw === '' ? undefined : Number(raw))
        }}
      />
      <Problem path={props.path} />
    </div>
  )
}

const languageNames = { vi: s('tiếng Việt', 'Vietnamese'), en: s('tiếng Anh', 'English') }

/** Vietnamese and English side by side: the two texts of one thing are written together. */
export function TextPair(props: { path: string; label: LocalizedText; value: Text | undefined; onChange(t: Text): void }) {
  const { lang } = useContext(Builder)
  const value = props.value ?? { vi: '', en: '' }
  const name = t(props.label, lang)
  return (
    <div class="text-pair">
      <TextField path={`${props.path}.vi`} label={`${name} (${t(languageNames.vi, lang)})`} value={value.vi} onInput={(vi) => props.onChange({ ...value, vi })} />
      <TextField path={`${props.path}.en`} label={`${name} (${t(languageNames.en, lang)})`} value={value.en} onInput={(en) => props.onChange({ ...value, en })} />
    </div>
  )
}

/**
 * An ordered list of editable rows (a question's options or points answers, the index's elements): each
 * row is drawn with its path (for the problems beside its fields) and an `update` that patches its own item.
 */
export function Rows<T extends { _k: string }>(props: {
  items: T[]
  path: string
  onChange(items: T[]): void
  class?: string
  children(item: T, i: number, at: string, update: (patch: Partial<T>) => void): ComponentChildren
}) {
  return (
    <ol class="option-list">
      {props.items.map((item, i) => (
        <li key={item._k} class={props.class ?? 'option-row'}>
          {props.children(item, i, `${props.path}.${i}`, (patch) => props.onChange(patchAt(props.items, i, patch)))}
        </li>
      ))}
    </ol>
  )
}

/** The ✕ that removes one row of a list (an option, a points answer, an element), named for a screen reader. */
export function RemoveButton({ label, onClick }: { label: string; onClick(): void }) {
  return (
    <button type="button" class="danger small" aria-label={label} onClick={onClick}>
      ✕
    </button>
  )
}

export function Select<V extends string>(props: { path: string; label: string; value: V | ''; options: Array<{ value: V | ''; label: string }>; onChange(v: V | ''): void }) {
  const f = useField(props.path)
  return (
    <div class="field">
      <label for={f.props.id}>{props.label}</label>
      <select {...f.props} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value as V | '')}>
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <Problem path={props.path} />
    </div>
  )
}
