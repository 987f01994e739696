import { useApp } from '../hooks/use-auth.ts'
import type { Meta } from '../lib/report-types.ts'
import { strings as s } from '../lib/strings.ts'

interface Props {
  meta: Meta
  values: Record<string, string>
  onChange(patch: Record<string, string>): void
  show?: Array<'survey' | 'period' | 'kind' | 'channel'>
}

/** Instrument, period, agency kind and channel pickers (native selects: keyboard and screen reader friendly). */
export function Filters({ meta, values, onChange, show = ['survey', 'period', 'kind', 'channel'] }: Props) {
  const { tr } = useApp()
  const years = [...new Set(meta.quarters.map((q) => q.slice(0, 4)))]
  const select = (id: string, label: string, options: Array<[string, string]>) => (
    <div class="filter">
      <label for={`f-${id}`}>{label}</label>
      <select id={`f-${id}`} value={values[id]} onChange={(e) => onChange({ [id]: (e.target as HTMLSelectElement).value })}>
        {options.map(([v, l]) => (
          <option value={v} key={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  )
  const periods = [...new Set([meta.currentQuarter, ...meta.quarters])].sort().reverse()
  return (
    <div class="filters" role="group" aria-label={tr(s.search)}>
      {show.includes('survey') && select('survey', tr(s.survey), meta.instruments.map((i) => [i.id, tr(i.title)]))}
      {show.includes('period') && select('period', tr(s.period), [...periods.map((q): [string, string] => [q, q]), ...years.map((y): [string, string] => [y, y])])}
      {show.includes('kind') &&
        select('kind', tr(s.kind), [
          ['', tr(s.all)],
          ['department', tr(s.department)],
          ['commune', tr(s.commune)],
          ['other', tr(s.other)],
        ])}
      {show.includes('channel') &&
        select('channel', tr(s.channel), [
          ['', tr(s.all)],
          ['kiosk', tr(s.kiosk)],
          ['qr', tr(s.qr)],
          ['paper', tr(s.paper)],
          ['web', tr(s.web)],
        ])}
    </div>
  )
}
