import { useApp } from '../hooks/use-auth.ts'
import { formatIndex } from '../lib/format.ts'

export interface Bar {
  id: string
  label: string
  value: number | null
  n?: number
}

/**
 * Horizontal bars drawn with plain HTML (no chart library): readable by screen readers, printable, and
 * a share with too few answers shows as "—" with its n instead of a misleading bar.
 */
export function BarList({ bars, method, max = method === 'points' ? 2 : 100, minN = 0 }: { bars: Bar[]; method: 'share' | 'points'; max?: number; minN?: number }) {
  const { lang } = useApp()
  return (
    <ul class="bars">
      {bars.map((b) => {
        const shown = b.value !== null && (b.n === undefined || b.n >= minN)
        return (
          <li key={b.id}>
            <span class="bar-label">{b.label}</span>
            <span class="bar-track" aria-hidden="true">
              <span class="bar-fill" style={{ width: `${shown ? Math.max(0, Math.min(100, (b.value! / max) * 100)) : 0}%` }} />
            </span>
            <span class="bar-value">
              {shown ? formatIndex(b.value, method, lang) : '—'}
              {b.n !== undefined ? <span class="muted"> (n={b.n})</span> : null}
            </span>
          </li>
        )
      })}
    </ul>
  )
}
