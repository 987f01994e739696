import { useEffect, useState } from 'preact/hooks'
import { checkAnswers, isVisible, type Answers, type AnswerValue } from '../../server/domain/answers.ts'
import type { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { LangSwitch } from '../components/lang-switch.tsx'
import { PrivacyNotice, type PrivacyFacts } from '../components/privacy-notice.tsx'
import { QuestionField } from '../components/question-field.tsx'
import { useCitizenLang } from '../hooks/use-lang.ts'
import { api, ApiError } from '../lib/api.ts'
import { t, type CitizenLang } from '../lib/i18n.ts'
import { applyPack, type CitizenLanguage } from '../lib/language-pack.ts'
import { privacyStrings } from '../../server/domain/citizen-strings/privacy.ts'
import { strings as s } from './strings.ts'
import { forgetDraft, useDraft } from './use-draft.ts'

export interface LinkInfo {
  kind: 'desk' | 'receipt'
  active: boolean
  used?: boolean
  /** Desk links: this browser already answered this desk today. */
  answeredToday?: boolean
  /** Receipt codes: open, used or expired. */
  status?: 'open' | 'used' | 'expired'
  agency: { code: string; name: string }
  desk: { code: string; name: string } | null
  survey: string
  procedure?: string | null
  definition: SurveyDefinition
  privacy?: PrivacyFacts
  /** The desk's language pack, shown first; absent: Vietnamese. */
  language?: CitizenLanguage | null
}

type Ending = 'used' | 'expired' | 'today' | 'inactive'
type Phase = { name: 'loading' } | { name: 'missing' } | { name: Ending } | { name: 'form'; link: LinkInfo } | { name: 'thanks' }

/** What the page says instead of the form: each refusal a citizen can meet, in plain words. */
const endings: Record<Ending, { title: keyof typeof s; text?: keyof typeof s }> = {
  used: { title: 'already' },
  expired: { title: 'expired', text: 'expiredMore' },
  today: { title: 'today', text: 'todayMore' },
  inactive: { title: 'inactive' },
}

/** The server's refusals that end the survey (the draft is of no more use) rather than ask for a retry. */
const endingOf: Record<string, Ending> = { receipt_used: 'used', receipt_expired: 'expired', already_answered_today: 'today', desk_inactive: 'inactive' }

function phaseOf(link: LinkInfo): Phase {
  if (link.used || link.status === 'used') return { name: 'used' }
  if (link.status === 'expired') return { name: 'expired' }
  if (!link.active) return { name: 'inactive' }
  if (link.answeredToday) return { name: 'today' }
  return { name: 'form', link }
}

export function SurveyApp({ path }: { path: string }) {
  const token = path.split('/').filter(Boolean)[1] ?? ''
  const [lang, setLang] = useCitizenLang('hailong.lang')
  const [phase, setPhase] = useState<Phase>({ name: 'loading' })
  const [language, setLanguage] = useState<CitizenLanguage | null>(null)
  useEffect(() => {
    api<LinkInfo>(`/api/v1/links/${encodeURIComponent(token)}`)
      .then((link) => {
        if (link.language) {
          applyPack(link.language, { survey: s, privacy: privacyStrings })
          setLanguage(link.language)
          setLang(link.language.code)
        } else if (lang !== 'en') setLang('vi')
        const next = phaseOf(link)
        if (next.name !== 'form') forgetDraft(token)
        setPhase(next)
      })
      .catch(() => setPhase({ name: 'missing' }))
  }, [token])

  return (
    <main class="survey-page">
      <header class="top">
        <LangSwitch lang={lang} onChange={setLang} extra={language} />
      </header>
      {phase.name === 'loading' && <p aria-busy="true">{t(s.loading, lang)}</p>}
      {phase.name === 'missing' && <Notice title={t(s.notFound, lang)} />}
      {phase.name in endings && <Ended ending={phase.name as Ending} lang={lang} />}
      {phase.name === 'thanks' && <Notice title={t(s.thanks, lang)} text={t(s.thanksMore, lang)} />}
      {phase.name === 'form' && <SurveyForm link={phase.link} token={token} lang={lang} onDone={(ending) => setPhase(ending ? { name: ending } : { name: 'thanks' })} />}
    </main>
  )
}

function Notice({ title, text }: { title: string; text?: string }) {
  return (
    <section class="notice" role="status">
      <h1>{title}</h1>
      {text ? <p>{text}</p> : null}
    </section>
  )
}

function Ended({ ending, lang }: { ending: Ending; lang: CitizenLang }) {
  const { title, text } = endings[ending]
  return <Notice title={t(s[title], lang)} text={text ? t(s[text], lang) : undefined} />
}

/**
 * The questionnaire itself. `send` replaces the POST to the server: the survey builder's preview shows this
 * very form, with its pages, conditions and messages, and sends nothing.
 */
export function SurveyForm({
  link,
  token,
  lang,
  onDone,
  send,
}: {
  link: LinkInfo
  token: string
  lang: CitizenLang
  onDone(ending?: Ending): void
  send?(answers: Answers): Promise<void>
}) {
  const def = link.definition
  const [draft, setDraft, restored, clear] = useDraft(token)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [status, setStatus] = useState<'idle' | 'sending' | 'offline' | 'refused'>('idle')
  const [refusal, setRefusal] = useState('')
  const [honeypot, setHoneypot] = useState('')
  const pages = def.pages
  const page = Math.min(draft.page, pages.length - 1)
  const visible = pages[page]!.questions.filter((q) => isVisible(q.visibleIf, draft.answers))

  // Answers to questions hidden by a later change (e.g. reasons after raising the rating) are dropped.
  const shownAnswers = (answers: Answers) =>
    Object.fromEntries(Object.entries(answers).filter(([id]) => pages.some((p) => p.questions.some((q) => q.id === id && isVisible(q.visibleIf, answers)))))
  /** Every rule the server checks, checked here with the same code: question id → reason. */
  const problems = (answers: Answers): Record<string, LocalizedText & { code: string }> => {
    const checked = checkAnswers(def, shownAnswers(answers))
    if (checked.ok) return {}
    return Object.fromEntries(checked.issues.map((i) => [i.field.replace(/^answers\./, ''), { ...i.message, code: i.code }]))
  }
  const pageOf = (id: string) =>
    Math.max(
      0,
      pages.findIndex((p) => p.questions.some((q) => q.id === id)),
    )
  const show = (found: Record<string, LocalizedText>, at: number) => {
    setErrors(Object.fromEntries(Object.entries(found).map(([id, m]) => [id, t(m, lang)])))
    const first = Object.keys(found)[0]
    if (!first) return false
    const to = pageOf(first)
    if (to !== at) setDraft({ ...draft, page: to })
    // After the page has rendered the question, take the citizen to it.
    setTimeout(() => document.getElementById(`q-${first}`)?.focus())
    return true
  }
  const go = (to: number) => {
    if (to > page) {
      // Moving on checks this page only; "answer at least one rating" waits for the end, since a page may be skipped.
      const here = new Set(pages[page]!.questions.map((q) => q.id))
      const found = Object.fromEntries(Object.entries(problems(draft.answers)).filter(([id, m]) => here.has(id) && m.code !== 'too_few_answers'))
      if (show(found, page)) return
    }
    setErrors({})
    setDraft({ ...draft, page: to })
    window.scrollTo(0, 0)
    // The new page is announced (live region below) and focus starts at its top, not on a button that moved.
    setTimeout(() => document.getElementById('survey-title')?.focus())
  }
  const submit = async () => {
    if (show(problems(draft.answers), page)) return
    const checked = checkAnswers(def, shownAnswers(draft.answers))
    if (!checked.ok) return
    setStatus('sending')
    if (send) {
      await send(checked.answers)
      clear()
      setStatus('idle')
      return onDone()
    }
    try {
      await api('/api/v1/responses', {
        method: 'POST',
        token,
        json: {
          submissionId: draft.submissionId,
          survey: link.survey,
          answers: checked.answers,
          ...(link.procedure ? { procedure: link.procedure } : {}),
          ...(honeypot ? { website: honeypot } : {}),
        },
      })
      clear()
      onDone()
    } catch (e) {
      const ending = e instanceof ApiError ? endingOf[e.body?.error.code ?? ''] : undefined
      if (ending) {
        clear()
        return onDone(ending)
      }
      if (e instanceof ApiError && e.body) {
        // A refusal is said in words, and each field's reason goes beside its question.
        const fields = Object.fromEntries((e.body.error.details ?? []).filter((d) => d.field.startsWith('answers.')).map((d) => [d.field.slice('answers.'.length), d.message]))
        show(fields, page)
        setRefusal(t(e.body.error.message, lang))
        setStatus('refused')
      } else if (e instanceof ApiError) {
        setRefusal(t(s.serverError, lang))
        setStatus('refused')
      } else setStatus('offline')
    }
  }
  const change = (id: string, v: AnswerValue | undefined) => {
    const answers = { ...draft.answers }
    if (v === undefined) delete answers[id]
    else answers[id] = v
    setDraft({ ...draft, answers })
    if (status === 'refused') setStatus('idle')
    // A rule broken by this very answer (a 4th tick where 3 are allowed) is said at once, beside it.
    const mine = problems(answers)[id]
    const next = { ...errors }
    if (mine && mine.code !== 'required' && mine.code !== 'too_few_answers') next[id] = t(mine, lang)
    else delete next[id]
    setErrors(next)
  }

  return (
    <form class="survey" onSubmit={(e) => (e.preventDefault(), page < pages.length - 1 ? go(page + 1) : submit())} noValidate>
      <div class="who">
        <p class="agency">{link.agency.name}</p>
        {link.desk ? <p class="desk">{link.desk.name}</p> : null}
      </div>
      <h1 id="survey-title" tabIndex={-1}>
        {t(def.title, lang)}
      </h1>

      {restored && draft.page + Object.keys(draft.answers).length > 0 ? <p class="info">{t(s.resumed, lang)}</p> : null}
      {pages.length > 1 ? (
        <div class="progress">
          {/* A live region: a screen reader says the new step when the page changes. */}
          <p id="progress-label" role="status">
            {t(s.step, lang)} {page + 1} {t(s.of, lang)} {pages.length}
            {pages[page]!.title ? ` — ${t(pages[page]!.title, lang)}` : ''}
          </p>
          <progress max={pages.length} value={page + 1} aria-labelledby="progress-label" />
        </div>
      ) : null}
      {visible.map((q) => (
        <QuestionField key={q.id} def={def} question={q} lang={lang} value={draft.answers[q.id]} error={errors[q.id]} onChange={(v) => change(q.id, v)} />
      ))}
      <div class="honeypot" aria-hidden="true">
        <label>
          Website
          <input type="text" tabIndex={-1} autoComplete="off" value={honeypot} onInput={(e) => setHoneypot((e.target as HTMLInputElement).value)} />
        </label>
      </div>
      {status === 'offline' ? (
        <p class="form-error" role="alert">
          {t(s.offline, lang)}
        </p>
      ) : null}
      {status === 'refused' ? (
        <p class="form-error" role="alert">
          {t(s.refused, lang)}: {refusal}
        </p>
      ) : null}
      <div class="actions">
        {page > 0 ? (
          <button type="button" class="secondary" onClick={() => go(page - 1)}>
            {t(s.back, lang)}
          </button>
        ) : null}
        <button type="submit" disabled={status === 'sending'}>
          {status === 'sending' ? t(s.sending, lang) : page < pages.length - 1 ? t(s.next, lang) : status === 'offline' ? t(s.retry, lang) : t(s.submit, lang)}
        </button>
      </div>
      <p class="privacy">{t(s.privacy, lang)}</p>
      <PrivacyNotice lang={lang} facts={link.privacy} phone />
    </form>
  )
}
