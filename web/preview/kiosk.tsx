import { render } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import '../kiosk/kiosk.css'
import { KioskFlow } from '../kiosk/app.tsx'
import type { CitizenLang as Lang } from '../lib/i18n.ts'
import { t } from '../lib/i18n.ts'
import { usePreview } from './channel.ts'

/** The desk tablet's screens as a citizen sees them, for the builder's preview frame; nothing is queued or sent. */
function KioskPreview() {
  const message = usePreview()
  const [lang, setLang] = useState<Lang>('vi')
  useEffect(() => {
    if (message) setLang(message.lang)
  }, [message?.lang])
  if (!message) return null
  const config = {
    kiosk: { id: 0, name: 'preview' },
    agency: { code: 'MAU', name: t({ vi: 'Tên cơ quan', en: 'Agency name' }, lang) },
    desk: { code: 'Q1', name: t({ vi: 'Quầy số 1', en: 'Desk 1' }, lang) },
    survey: 'preview',
    definition: message.definition,
    // A slow reset: staff look at each screen for as long as they like.
    settings: { resetDelayMs: 5000, idleTimeoutMs: 10 * 60_000, repeatIntervalMs: 0 },
    configHash: '',
  }
  return <KioskFlow key={message.restart} config={config} lang={lang} onLang={setLang} unsent={0} onSubmit={() => undefined} />
}

render(<KioskPreview />, document.getElementById('app')!)
