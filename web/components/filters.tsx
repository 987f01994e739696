import { useApp } from '../hooks/use-auth.ts'
import type { Meta } from '../lib/report-types.ts'
import { strings as s } from '../lib/strings.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import type { AgencyKind, Channel } from '../../server/domain/vocabulary.ts'

interface Props {
  meta: Meta
  values: Record<string, string>
  onChange(patch: Record<string, string>): void
  show?: Array<'survey' | 'period' | 'kind' | 'channel'>
}

// Every channel and every kind below the province has its words (the compiler checks against the vocabulary).
const kinds = { department: s.department, commune: s.commune, other: s.other } satisfies Record<Exclude<AgencyKind, 'province'>, LocalizedText>
const channels = { kiosk: s.kiosk, qr: s.qr, paper: s.paper, web: s.web } satisfies Record<Channel, LocalizedText>

/**
 * What the figures beside it count, in words: "Toàn tỉnh · UBND xã, phường · Mã QR". Every card, chart
 * and table of a page takes its title from here, so none can claim more than the filters let through.
 */
export function filterLabel(base: string, values: Record<string, string | undefined>, tr: (t: { vi: string; en: string }) => string) {
  const parts = [base]
  if (values.kind && values.kind in kinds) parts.push(tr(kinds[values.kind as keyof typeof kinds]))
  if (values.channel && values.channel in channels) parts.push(`${tr(s.channel)}: ${tr(channels[values.channel as keyof typeof channels])}`)
  return parts.join(' · ')
}

/** The report's query for the page's filters: kind and channel, each absent when not chosen. */
export function reportQuery(values: Record<string, string | undefined>) {
  return { kind: (values.kind || undefined) as AgencyKind | undefined, channel: (values.channel || undefined) as Channel | undefined }
}

/** The trend's query for the page's filters: the same kind and channel as the report, up to the chosen quarter. */
export function trendQuery(values: Record<string, string | undefined>, extra: { agency?: string } = {}) {
  return { ...extra, ...reportQuery(values), to: values.period?.includes('-Q') ? values.period : undefined }
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
  // The same words as the figures' titles (filterLabel), in the same order, after "all".
  const allOr = (words: Record<string, LocalizedText>): Array<[string, string]> => [['', tr(s.all)], ...Object.entries(words).map(([v, w]): [string, string] => [v, tr(w)])]
  return (
    <div class="filters" role="group" aria-label={tr(s.search)}>
      {show.includes('survey') &&
        select(
          'survey',
          tr(s.survey),
          meta.instruments.map((i) => [i.id, tr(i.title)]),
        )}
      {show.includes('period') &&
        select('period', tr(s.period), [
          ...periods.map((q): [string, string] => [q, q === meta.currentQuarter ? `${q} (${tr(s.currentQuarter)})` : q]),
          ...years.map((y): [string, string] => [y, y]),
        ])}
      {show.includes('kind') && select('kind', tr(s.kind), allOr(kinds))}
      {show.includes('channel') && select('channel', tr(s.channel), allOr(channels))}
    </div>
  )
}
