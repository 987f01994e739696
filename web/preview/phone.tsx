import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import '../survey/survey.css'
import { LangSwitch } from '../components/lang-switch.tsx'
import { t } from '../lib/i18n.ts'
import { SurveyForm } from '../survey/app.tsx'
import { strings as s } from '../survey/strings.ts'
import { usePreview } from './channel.ts'

const KEY = 'builder-preview'

/** The phone survey page as a citizen sees it, for the builder's preview frame; sending only shows the thanks. */
function PhonePreview() {
  const message = usePreview()
  const [lang, setLang] = useState<string>(message?.lang ?? 'vi')
  const [done, setDone] = useState(false)
  useEffect(() => {
    if (message) setLang(message.lang)
  }, [message?.lang])
  useEffect(() => {
    localStorage.removeItem(`hailong.draft.${KEY}`)
    setDone(false)
  }, [message?.restart])
  if (!message) return null
  const link = {
    kind: 'desk' as const,
    active: true,
    agency: { code: 'MAU', name: t({ vi: 'Tên cơ quan', en: 'Agency name' }, lang) },
    desk: { code: 'Q1', name: t({ vi: 'Quầy số 1', en: 'Desk 1' }, lang) },
    survey: 'preview',
    definition: message.definition,
  }
  return (
    <main class="survey-page">
      <header class="top">
        <LangSwitch lang={lang} onChange={setLang} />
      </header>
      {done ? (
        <section class="notice" role="status">
          <h1>{t(s.thanks, lang)}</h1>
          <p>{t(s.thanksMore, lang)}</p>
        </section>
      ) : (
        <SurveyForm key={message.restart} link={link} token={KEY} lang={lang} onDone={() => setDone(true)} send={async () => {}} />
      )}
    </main>
  )
}

render(<PhonePreview />, document.getElementById('app')!)
