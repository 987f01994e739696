import { DataTable } from '../components/data-table.tsx'
import { formatRate } from '../components/response-rate.tsx'
import { indicatorHeading, Tt01Legend } from '../components/tt01-legend.tsx'
import { LoadError } from '../components/load-error.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { useQueryState } from '../hooks/use-query-state.ts'
import { formatNumber } from '../lib/i18n.ts'
import { strings as s } from '../lib/strings.ts'

/** The TT01 one-stop evaluation report per agency and per officer, laid out for A4 and "Save as PDF". */
export function OneStopPage({ period }: { period: string }) {
  const { tr, lang } = useApp()
  const [values] = useQueryState({ agency: '' })
  const query = `period=${encodeURIComponent(period)}${values.agency ? `&agency=${encodeURIComponent(values.agency)}` : ''}`
  const report = useGet(client.api.v1.officers['one-stop-report'], { query: { period, ...(values.agency ? { agency: values.agency } : {}) } })
  if (report.error) return <LoadError error={report.error} />
  const r = report.data
  if (!r) return <p aria-busy="true">{tr(s.loading)}</p>
  const one = (v: number | null | undefined) => formatNumber(v, 1, lang)
  const indicators = r.indicators.map((i) => indicatorHeading(i, tr))
  return (
    <article class="print-view">
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          {tr(s.print)}
        </button>{' '}
        <a href={`/api/v1/officers/one-stop-report/export.xlsx?${query}`}>{tr(s.exportXlsx)}</a>
      </p>
      <h1>
        {tr(s.oneStopTitle)} — {r.period}
      </h1>
      <p class="muted">{tr(s.oneStopFormula)}</p>
      <DataTable
        caption={tr(s.agency)}
        columns={[tr(s.agency), tr(s.evaluated), ...indicators, tr(s.points), tr(s.dossiersReturned), tr(s.responseRate)]}
        empty={r.agencies.length ? undefined : tr(s.noRatingsInPeriod)}
      >
        {r.agencies.map((a) => (
          <tr key={a.code}>
            <th scope="row">{a.name}</th>
            <td class="num">{a.tt01.n}</td>
            {r.indicators.map((i) => (
              <td class="num" key={i}>
                {one(a.tt01.indicators[i])}
              </td>
            ))}
            <td class="num strong">{one(a.tt01.total)}</td>
            <td class="num">{a.responseRate.dossierData ? a.responseRate.dossiers : tr(s.noDossierData)}</td>
            <td class="num">{formatRate(a.responseRate, tr, lang)}</td>
          </tr>
        ))}
      </DataTable>
      <DataTable
        caption={`${tr(s.officers)} — n ≥ ${r.minSample}`}
        columns={[tr(s.officer), tr(s.agency), tr(s.evaluated), ...indicators, tr(s.points), tr(s.responseRate)]}
        empty={r.officers.length ? undefined : tr(s.noOfficersKnown)}
      >
        {r.officers.map((o) => (
          <tr key={o.id}>
            <th scope="row">
              {o.displayName ?? o.code}
              {o.displayName ? <span class="muted"> ({o.code})</span> : null}
            </th>
            <td>{o.agency.name}</td>
            <td class="num">
              {o.tt01.n}
              {o.tt01.sufficient ? '' : ` · ${tr(s.insufficient).toLowerCase()}`}
            </td>
            {r.indicators.map((i) => (
              <td class="num" key={i}>
                {one(o.tt01.indicators[i])}
              </td>
            ))}
            <td class="num strong">{one(o.tt01.total)}</td>
            <td class="num">{formatRate(o.responseRate, tr, lang)}</td>
          </tr>
        ))}
      </DataTable>
      <Tt01Legend indicators={r.indicators} />
      <p class="muted">{tr(s.officersNote)}</p>
    </article>
  )
}
