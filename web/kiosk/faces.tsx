import type { CitizenLang as Lang } from '../lib/i18n.ts'
import { t } from '../lib/i18n.ts'
import type { LocalizedText } from '../../server/domain/text.ts'

// Red to green, each dark enough for its outline to stand out on white (WCAG 1.4.11, 3:1 for graphics).
const colours = ['#b71c1c', '#d84315', '#8d6e00', '#558b2f', '#1b5e20']
const fills = ['#ffcdd2', '#ffe0b2', '#fff3b0', '#dcedc8', '#b9e4bc']

/** A face drawn from the point's place on the scale: the mouth turns from a frown to a smile. */
function Face({ at, of }: { at: number; of: number }) {
  const step = of > 1 ? at / (of - 1) : 1
  const i = Math.round(step * (colours.length - 1))
  const bend = Math.round((step - 0.5) * 36)
  return (
    <svg viewBox="0 0 100 100" width="96" height="96" aria-hidden="true" focusable="false">
      <circle cx="50" cy="50" r="45" fill={fills[i]} stroke={colours[i]} stroke-width="6" />
      <circle cx="35" cy="40" r="6" fill={colours[i]} />
      <circle cx="65" cy="40" r="6" fill={colours[i]} />
      <path d={`M30 ${70 - bend / 2} Q50 ${70 + bend} 70 ${70 - bend / 2}`} fill="none" stroke={colours[i]} stroke-width="6" stroke-linecap="round" />
    </svg>
  )
}

export interface ScalePoint {
  value: number
  label: LocalizedText
}

/** The five faces are plain buttons whose name is the scale's text label, so keyboards and screen readers need nothing else. */
export function Faces({ points, lang, onPick }: { points: ScalePoint[]; lang: Lang; onPick(value: number): void }) {
  return (
    <div class="faces">
      {points.map((p, i) => (
        <button type="button" class="face" key={p.value} onClick={() => onPick(p.value)}>
          <Face at={i} of={points.length} />
          <span>{t(p.label, lang)}</span>
        </button>
      ))}
    </div>
  )
}
