import { useApp } from '../hooks/use-auth.ts'
import { criterionLabel, useDefinition } from '../hooks/use-definition.ts'
import { strings as s } from '../lib/strings.ts'

/** "Chỉ số 1" for `cs1`: the circular's own numbering, which officials use; the id is for files only. */
export function indicatorHeading(id: string, tr: (t: { vi: string; en: string }) => string) {
  return `${tr(s.indicator)} ${id.replace(/^\D+/, '')}`
}

/** What each TT01 indicator asks, under a table that heads its columns by number. */
export function Tt01Legend({ indicators }: { indicators: string[] }) {
  const { tr } = useApp()
  const def = useDefinition('tt01-2018')
  // Drawn with the definition only: before it comes, a line would read "Chỉ số 1: cs1".
  if (!def) return null
  return (
    <ul class="muted legend">
      {indicators.map((i) => (
        <li key={i}>
          {indicatorHeading(i, tr)}: {criterionLabel(def, i, tr)}
        </li>
      ))}
    </ul>
  )
}
