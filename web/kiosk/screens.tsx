import type { ComponentChildren } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { LangSwitch } from '../components/lang-switch.tsx'
import { t, type CitizenLang as Lang } from '../lib/i18n.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import type { CitizenLanguage } from '../lib/language-pack.ts'
import { SpeakButton } from './speaker.tsx'
import { clipUrls, type ClipManifest } from './spoken.ts'
import { strings as s } from './strings.ts'

/**
 * One kiosk screen: the language switch on top, a heading that takes focus when the screen appears (so a
 * screen reader announces the change), and the unsent counter, discreet, for staff.
 */
export function Screen(props: {
  name: string
  title: string
  lang: Lang
  onLang(l: Lang): void
  unsent: number
  language?: CitizenLanguage | null
  onBack?: () => void
  backLabel?: LocalizedText
  /** What the speaker button reads on this screen (SPOKEN_PROMPTS), from the kiosk's clips. */
  speak?: string[]
  clips?: ClipManifest | null
  children?: ComponentChildren
}) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [props.name])
  // Read from the page, so the return to idle (which clears it for the next citizen) is seen at once.
  const large = document.documentElement.classList.contains('large-text')
  const [, redraw] = useState(0)
  const toggleLarge = () => {
    document.documentElement.classList.toggle('large-text', !large)
    redraw((n) => n + 1)
  }
  const urls = clipUrls(props.clips, props.speak ?? [], props.lang)
  return (
    <main class={`kiosk-screen ${props.name}`} data-screen={props.name}>
      <header class="bar">
        <div class="bar-start">
          {/* Where the kiosk has clips at all, its place is kept on a screen without one: back never jumps. */}
          {urls.length ? <SpeakButton urls={urls} lang={props.lang} /> : props.clips?.clips.length ? <span class="speak-slot" aria-hidden="true" /> : null}
          {/* A wrong tap is undone at once, not by waiting for the idle timeout. */}
          {props.onBack ? (
            <button type="button" class="back" onClick={props.onBack}>
              <span aria-hidden="true">‹ </span>
              {t(props.backLabel ?? s.back, props.lang)}
            </button>
          ) : null}
        </div>
        <button type="button" class="text-size" aria-pressed={large} onClick={toggleLarge}>
          <span aria-hidden="true">A+ </span>
          {t(s.largeText, props.lang)}
        </button>
        <LangSwitch lang={props.lang} onChange={props.onLang} extra={props.language} />
      </header>
      <h1 tabIndex={-1} ref={heading}>
        {props.title}
      </h1>
      {/* Said by a screen reader whenever the screen changes, besides the focus moving to the heading. */}
      <p class="sr-only" role="status">
        {props.title}
      </p>
      <div class="body">{props.children}</div>
      {props.unsent > 0 ? (
        <p class="unsent" role="status">
          {t(s.unsent, props.lang)}: {props.unsent}
        </p>
      ) : null}
    </main>
  )
}

export function NotPaired({ lang, onLang, reason, unsent }: { lang: Lang; onLang(l: Lang): void; reason: LocalizedText | null; unsent: number }) {
  return (
    <Screen name="not-paired" title={t(s.notPaired, lang)} lang={lang} onLang={onLang} unsent={unsent}>
      {reason ? <p class="reason">{t(reason, lang)}</p> : null}
      <p class="hint">{t(s.notPairedHint, lang)}</p>
    </Screen>
  )
}
