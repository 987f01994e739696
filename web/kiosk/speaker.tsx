import { useEffect, useState } from 'preact/hooks'
import { t, type CitizenLang as Lang } from '../lib/i18n.ts'
import { strings as s } from './strings.ts'

const player = () => import('./clip-player.ts')

/**
 * The big "listen" button, at the left end of every screen's top bar: reads the screen's prompt (and on the
 * rating screen each face's label) aloud; pressed again, it stops. The sound stops when the screen changes.
 */
export function SpeakButton({ urls, lang }: { urls: string[]; lang: Lang }) {
  const [playing, setPlaying] = useState(false)
  const key = urls.join(' ')
  useEffect(() => () => void player().then((p) => p.stopClips()), [key])
  const press = async () => {
    const p = await player()
    if (playing) return (p.stopClips(), setPlaying(false))
    setPlaying(true)
    await p.playClips(urls, () => setPlaying(false))
  }
  return (
    <button type="button" class="speak" aria-pressed={playing} aria-label={t(s.listen, lang)} onClick={() => void press()}>
      <svg viewBox="0 0 24 24" width="32" height="32" aria-hidden="true" focusable="false">
        <path d="M3 9v6h4l5 5V4L7 9H3z" fill="currentColor" />
        <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <span aria-hidden="true">{t(s.listen, lang)}</span>
    </button>
  )
}
