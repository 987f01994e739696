import { useEffect, useMemo, useState } from 'preact/hooks'
import { checkAnswers, isVisible, type Answers, type AnswerValue } from '../../server/domain/answers.ts'
import { questionsOf } from '../../server/domain/questions.ts'
import type { Question, SurveyDefinition } from '../../server/domain/survey-definition.ts'
import { PrivacyNotice, type PrivacyFacts } from '../components/privacy-notice.tsx'
import { QuestionField } from '../components/question-field.tsx'
import { useCitizenLang } from '../hooks/use-lang.ts'
import { applyPack, type CitizenLanguage } from '../lib/language-pack.ts'
import { privacyStrings } from '../../server/domain/citizen-strings/privacy.ts'
import { t, type CitizenLang as Lang } from '../lib/i18n.ts'
import type { KioskConfig } from './device.ts'
import { Faces } from './faces.tsx'
import { NotPaired, Screen } from './screens.tsx'
import { strings as s } from './strings.ts'
import { useDevice } from './use-device.ts'
import { useClips, type ClipManifest } from './spoken.ts'

type Step = { name: 'idle' } | { name: 'rate' } | { name: 'details'; answers: Answers } | { name: 'thanks' }

/** The rating question the faces stand for: the survey's headline, else its first rating question. */
function headlineOf(def: SurveyDefinition): Question | undefined {
  const id = def.index.method === 'share' ? def.index.headline : undefined
  const all = questionsOf(def)
  return all.find((q) => q.id === id && q.type === 'rating') ?? all.find((q) => q.type === 'rating')
}

/** Follow-up questions a rating opens (the reasons when ≤ 3), with the free comment beside them. */
function followUps(def: SurveyDefinition, headline: string, answers: Answers): Question[] {
  const opened = questionsOf(def).filter((q) => q.visibleIf?.question === headline && isVisible(q.visibleIf, answers))
  return opened.length ? [...opened, ...questionsOf(def).filter((q) => q.type === 'text' && !q.visibleIf)] : []
}

export function KioskApp() {
  const device = useDevice()
  const [lang, setLang] = useCitizenLang('hailong.kiosk.lang')
  const clips = useClips(device.state.name === 'ready')
  if (device.state.name === 'loading') return <p class="loading">{t(s.loading, lang)}</p>
  if (device.state.name !== 'ready') return <NotPaired lang={lang} onLang={setLang} reason={device.state.name === 'unpaired' ? device.state.reason : null} unsent={device.unsent} />
  const config = device.state.config
  return <KioskFlow config={config} lang={lang} onLang={setLang} unsent={device.unsent} clips={clips} onSubmit={(answers) => device.submit(config, answers)} />
}

/**
 * The citizen's screens for one configuration: idle, faces, follow-ups, thanks. Apart from the device, so the
 * survey builder's preview shows exactly these screens.
 */
export function KioskFlow({
  config,
  lang,
  onLang,
  unsent,
  clips,
  onSubmit,
}: {
  config: KioskConfig
  lang: Lang
  onLang(l: Lang): void
  unsent: number
  /** The spoken prompts; absent in the builder's preview, which then shows no speaker. */
  clips?: ClipManifest | null
  onSubmit(answers: Answers): Promise<unknown> | void
}) {
  const [step, setStep] = useState<Step>({ name: 'idle' })
  // Before the first render with it: the pack's strings sit beside vi and en in the catalogs.
  useMemo(() => applyPack(config.language, { kiosk: s, privacy: privacyStrings }), [config.language])
  const first = config.language?.code ?? 'vi'
  useEffect(() => void (config.language && onLang(first)), [first])
  // Each citizen starts in the desk's language (Vietnamese without a pack), whatever the one before chose.
  const toIdle = () => {
    setStep({ name: 'idle' })
    onLang(first)
    document.documentElement.classList.remove('large-text')
  }

  useEffect(() => {
    if (step.name === 'idle') return
    if (step.name === 'thanks') {
      const timer = setTimeout(toIdle, config.settings.resetDelayMs)
      return () => clearTimeout(timer)
    }
    // Mid-way, a citizen who walks away leaves nothing behind: back to idle, nothing sent.
    let timer = setTimeout(toIdle, config.settings.idleTimeoutMs)
    const touch = () => {
      clearTimeout(timer)
      timer = setTimeout(toIdle, config.settings.idleTimeoutMs)
    }
    const events = ['pointerdown', 'keydown', 'input']
    events.forEach((e) => addEventListener(e, touch, true))
    return () => {
      clearTimeout(timer)
      events.forEach((e) => removeEventListener(e, touch, true))
    }
  }, [step, config])

  const def = config.definition
  const headline = headlineOf(def)
  const send = async (answers: Answers) => {
    const checked = checkAnswers(def, answers)
    if (checked.ok) await onSubmit(checked.answers)
    setStep({ name: 'thanks' })
  }
  const pick = (value: number) => {
    const answers = { [headline!.id]: value }
    if (followUps(def, headline!.id, answers).length) setStep({ name: 'details', answers })
    else void send(answers)
  }
  const points = headline?.type === 'rating' ? (def.scales[headline.scale] ?? []) : []
  const common = { lang, onLang, unsent, language: config.language, clips }

  if (step.name === 'rate' && headline)
    return (
      <Screen name="rate" title={t(headline.text, lang)} {...common} onBack={toIdle} speak={['rate', ...points.map((p) => `face.${p.value}`)]}>
        <Faces points={points} lang={lang} onPick={pick} />
      </Screen>
    )
  if (step.name === 'details')
    return (
      <Details def={def} headline={headline!.id} start={step.answers} lang={lang} common={common} privacy={config.privacy} onSend={send} onBack={() => setStep({ name: 'rate' })} />
    )
  if (step.name === 'thanks')
    return (
      <Screen name="thanks" title={t(s.thanks, lang)} {...common} onBack={toIdle} backLabel={s.home} speak={['thanks']}>
        <p class="big-text">{t(s.thanksMore, lang)}</p>
      </Screen>
    )
  return (
    <Screen name="idle" title={config.agency.name} {...common} speak={['idle']}>
      <p class="desk-name">{config.desk.name}</p>
      <button type="button" class="cta" onClick={() => setStep({ name: 'rate' })}>
        {t(s.start, lang)}
      </button>
      <p class="big-text">{t(s.startHint, lang)}</p>
      <PrivacyNotice lang={lang} facts={config.privacy} />
    </Screen>
  )
}

function Details(props: {
  def: SurveyDefinition
  headline: string
  start: Answers
  lang: Lang
  common: { lang: Lang; onLang(l: Lang): void; unsent: number; language?: CitizenLanguage | null; clips?: ClipManifest | null }
  privacy?: PrivacyFacts
  onSend(answers: Answers): void
  onBack(): void
}) {
  const [answers, setAnswers] = useState<Answers>(props.start)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const questions = followUps(props.def, props.headline, props.start)
  /** The same rules the server checks, said beside the question (role=alert, so a screen reader hears it). */
  const problems = (a: Answers) => {
    const checked = checkAnswers(props.def, a)
    return checked.ok ? {} : Object.fromEntries(checked.issues.map((i) => [i.field.replace(/^answers\./, ''), t(i.message, props.lang)]))
  }
  const change = (id: string, v: AnswerValue | undefined) => {
    const next = { ...answers }
    if (v === undefined) delete next[id]
    else next[id] = v
    setAnswers(next)
    setErrors(problems(next))
  }
  const send = () => {
    const found = problems(answers)
    setErrors(found)
    const first = Object.keys(found)[0]
    if (first === undefined) return props.onSend(answers)
    setTimeout(() => document.getElementById(`q-${first}`)?.focus())
  }
  return (
    <Screen name="details" title={t(s.details, props.lang)} {...props.common} onBack={props.onBack} speak={['details']}>
      <form class="details" onSubmit={(e) => (e.preventDefault(), send())} noValidate>
        <div class="details-questions">
          {questions.map((q) => (
            <QuestionField key={q.id} def={props.def} question={q} lang={props.lang} value={answers[q.id]} error={errors[q.id]} onChange={(v) => change(q.id, v)} />
          ))}
        </div>
        <button type="submit" class="cta">
          {t(s.send, props.lang)}
        </button>
      </form>
      <PrivacyNotice lang={props.lang} facts={props.privacy} />
    </Screen>
  )
}
