import type { AnswerValue } from '../../server/domain/answers.ts'
import type { Question, SurveyDefinition } from '../../server/domain/survey-definition.ts'
import { s, t, type CitizenLang as Lang } from '../lib/i18n.ts'

// Read out after a required question's text; a language pack without it falls back to Vietnamese like the rest.
const text = { required: s(' (bắt buộc)', ' (required)') }

interface Props {
  def: SurveyDefinition
  question: Question
  value: AnswerValue | undefined
  error?: string
  lang: Lang
  onChange(value: AnswerValue | undefined): void
}

/** One question as native form controls (fieldset, radio, checkbox, textarea): keyboard and screen reader work as-is. */
export function QuestionField({ def, question: q, value, error, lang, onChange }: Props) {
  const name = `q-${q.id}`
  const errorId = error ? `${name}-error` : undefined
  const legend = (
    <legend>
      {t(q.text, lang)}
      {q.required ? (
        <>
          <span class="required" aria-hidden="true">
            {' '}
            *
          </span>
          <span class="sr-only">{t(text.required, lang)}</span>
        </>
      ) : null}
      {q.hint ? <span class="hint">{t(q.hint, lang)}</span> : null}
    </legend>
  )
  const errorLine = error ? (
    <p class="field-error" id={errorId} role="alert">
      {error}
    </p>
  ) : null
  if (q.type === 'text')
    return (
      <div class="question">
        <label for={name}>{t(q.text, lang)}</label>
        <textarea
          id={name}
          maxLength={q.maxLength}
          rows={3}
          value={(value as string) ?? ''}
          aria-describedby={errorId}
          onInput={(e) => onChange((e.target as HTMLTextAreaElement).value || undefined)}
        />
        {errorLine}
      </div>
    )
  const options =
    q.type === 'rating'
      ? (def.scales[q.scale] ?? []).map((p) => ({ id: String(p.value), value: p.value as AnswerValue, label: t(p.label, lang) }))
      : q.type === 'points'
        ? q.options.map((o) => ({ id: String(o.value), value: o.value as AnswerValue, label: t(o.text, lang) }))
        : q.options.map((o) => ({ id: o.id, value: o.id as AnswerValue, label: t(o.text, lang) }))
  const multiple = q.type === 'choice' && q.multiple
  const chosen = (v: AnswerValue) => (multiple ? Array.isArray(value) && value.includes(v as string) : value === v)
  const toggle = (v: AnswerValue) => {
    if (!multiple) return onChange(value === v ? undefined : v)
    const list = Array.isArray(value) ? value : []
    const next = list.includes(v as string) ? list.filter((x) => x !== v) : [...list, v as string]
    onChange(next.length ? next : undefined)
  }
  return (
    <fieldset class={`question ${q.type}`} id={name} tabIndex={-1} aria-describedby={errorId}>
      {legend}
      <div class={`options ${q.type === 'rating' ? 'scale' : ''}`}>
        {options.map((o) => (
          <label class={`option ${chosen(o.value) ? 'chosen' : ''}`} key={o.id}>
            <input type={multiple ? 'checkbox' : 'radio'} name={name} value={o.id} checked={chosen(o.value)} onClick={() => toggle(o.value)} />
            {q.type === 'rating' ? <span class="num">{o.id}</span> : null}
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {errorLine}
    </fieldset>
  )
}
