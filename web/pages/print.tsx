import { trendQuery } from '../components/filters.tsx'
import { RankingTable } from '../components/ranking-table.tsx'
import { TrendChart } from '../components/trend-chart.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { elementsOf, useDefinition } from '../hooks/use-definition.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { useQueryState } from '../hooks/use-query-state.ts'
import { formatIndex, formatInterval } from '../lib/format.ts'
import type { Report, TrendPoint } from '../lib/report-types.ts'
import { strings as s } from '../lib/strings.ts'

/** The report laid out for A4 paper, charts included, for the browser's "Save as PDF". */
export function PrintPage({ survey, period }: { survey: string; period: string }) {
  const { tr, lang } = useApp()
  const [values] = useQueryState({ kind: '', channel: '' })
  const filter = new URLSearchParams(Object.entries(values).filter(([, v]) => v))
  const report = useFetch<Report>(`/api/v1/reports/${survey}/${period}?${filter}`)
  const trend = useFetch<{ points: TrendPoint[] }>(`/api/v1/dashboard/trend/${survey}?${trendQuery({ ...values, period })}`)
  const def = useDefinition(survey)
  const r = report.data
  if (!r) return <p aria-busy="true">{tr(s.loading)}</p>
  return (
    <article class="print-view">
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          {tr(s.print)}
        </button>
      </p>
      <h1>
        {lang === 'vi' ? 'Báo cáo chỉ số hài lòng' : 'Satisfaction index report'} — {def ? tr(def.title) : survey} — {r.period}
      </h1>
      <p>
        {tr(s.province)}: <strong>{formatIndex(r.overall.index, r.method, lang)}</strong> (n = {r.overall.n}; {tr(s.interval)} {formatInterval(r.overall.ci95, r.method, lang)})
      </p>
      {trend.data ? <TrendChart points={trend.data.points} method={r.method} label={tr(s.province)} /> : null}
      <RankingTable report={r} elements={elementsOf(def, tr)} query={`survey=${survey}&period=${period}`} />
      <p class="muted">
        {tr(s.generated)}: {new Date().toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone: r.timezone })} · {r.timezone} · {r.versions.join(', ')}
      </p>
    </article>
  )
}
