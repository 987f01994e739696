import { useEffect, useState } from 'preact/hooks'
import { AlertList } from '../components/alert-list.tsx'
import { formatRate } from '../components/response-rate.tsx'
import { Filters, filterLabel, reportQuery, trendQuery } from '../components/filters.tsx'
import { HeatMap } from '../components/heat-map.tsx'
import { useLive } from '../hooks/use-live.ts'
import { RankingTable } from '../components/ranking-table.tsx'
import { TrendChart } from '../components/trend-chart.tsx'
import { PeriodPanel } from '../components/period-panel.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { elementsOf, useDefinition } from '../hooks/use-definition.ts'
import { startEarly, useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { useQueryState } from '../hooks/use-query-state.ts'
import { formatIndex, formatInterval } from '../lib/format.ts'
import type { Meta } from '../lib/report-types.ts'
import { strings as s } from '../lib/strings.ts'
import { LoadError } from '../components/load-error.tsx'
import { quarterOf } from '../../server/domain/periods.ts'

/** Rows of each ranking table the first screen draws; the rest come with the whole ranking, on request. */
const FIRST_ROWS = 100
const firstScreen = (values: Record<string, string | undefined>) => ({ ...reportQuery(values), top: String(FIRST_ROWS) })

export function DashboardPage() {
  const { tr, lang, auth } = useApp()
  // The ranking and trend wait only for the period, which meta gives (the newest quarter with answers):
  // asked for at once with the likely one (the URL's, or the current quarter), they load beside meta.
  useEffect(() => {
    const q = new URLSearchParams(location.search)
    const values = {
      survey: q.get('survey') ?? 'mot-cua',
      period: q.get('period') ?? quarterOf(new Date(), auth?.timeZone),
      kind: q.get('kind') ?? '',
      channel: q.get('channel') ?? '',
    }
    startEarly(client.api.v1.reports[':survey'][':period'], { param: { survey: values.survey, period: values.period }, query: firstScreen(values) })
    startEarly(client.api.v1.dashboard.trend[':survey'], { param: { survey: values.survey }, query: trendQuery(values) })
  }, [])
  const meta = useGet(client.api.v1.dashboard.meta)
  if (!meta.data) return <p aria-busy="true">{tr(s.loading)}</p>
  return <DashboardBody meta={meta.data} tr={tr} lang={lang} />
}

function DashboardBody({ meta, tr, lang }: { meta: Meta; tr: ReturnType<typeof useApp>['tr']; lang: 'vi' | 'en' }) {
  const [values, set] = useQueryState({ survey: 'mot-cua', period: meta.quarters[0] ?? meta.currentQuarter, kind: '', channel: '' })
  const filter = new URLSearchParams(Object.entries({ kind: values.kind!, channel: values.channel! }).filter(([, v]) => v))
  const param = { survey: values.survey!, period: values.period! }
  // The first screen draws the first rows of a ranking that may have thousands; the whole ranking is asked
  // for when the officer sorts it or asks for more rows.
  const report = useGet(client.api.v1.reports[':survey'][':period'], { param, query: firstScreen(values) })
  // Asked for one set of filters only: another quarter, survey or channel starts again from its first rows.
  const wholeKey = JSON.stringify([param, reportQuery(values)])
  const [wantAllFor, setWantAllFor] = useState<string | null>(null)
  const wantAll = wantAllFor === wholeKey
  const whole = useGet(wantAll ? client.api.v1.reports[':survey'][':period'] : null, { param, query: reportQuery(values) })
  // The trend follows exactly the report's filters (kind and channel), so card and chart agree.
  const trend = useGet(client.api.v1.dashboard.trend[':survey'], { param: { survey: values.survey! }, query: trendQuery(values) })
  const scope = filterLabel(tr(s.wholeScope(meta)), values, tr)
  const current = values.period === meta.currentQuarter || values.period === meta.currentQuarter.slice(0, 4)
  const def = useDefinition(values.survey!)
  const r = report.data
  const query = new URLSearchParams(Object.entries(values).filter(([, v]) => v)).toString()
  const download = (format: 'xlsx' | 'csv') => `/api/v1/reports/${values.survey}/${values.period}/export.${format}?${filter}`
  return (
    <>
      <h1>
        {tr(s.dashboard)} — {def ? tr(def.title) : values.survey}
      </h1>
      <OpenAlerts tr={tr} />
      <Filters meta={meta} values={values} onChange={set} />
      <PeriodPanel
        survey={values.survey!}
        period={values.period!}
        onChange={() => {
          report.reload()
          whole.reload()
        }}
      />
      {report.error ? <LoadError error={report.error} /> : null}
      {r ? (
        <>
          {current ? (
            <p class="current-note" role="note">
              {tr(s.currentQuarterNote)}
            </p>
          ) : null}
          <section class="cards" aria-label={scope}>
            <div class="card stat">
              <h2>{scope}</h2>
              <p class="big">{formatIndex(r.overall.index, r.method, lang)}</p>
              <p>
                n = {r.overall.n} · {tr(s.interval)}: {formatInterval(r.overall.ci95, r.method, lang)}
              </p>
              <p>
                {tr(s.responseRate)}: {formatRate(r.overall.responseRate, tr, lang)}
                {r.overall.responseRate.dossierData ? ` (${r.overall.responseRate.evaluations}/${r.overall.responseRate.dossiers})` : ''}
              </p>
              <p class="muted">
                {r.period}
                {current ? ` (${tr(s.currentQuarter)})` : ''} · {def ? tr(def.title) : values.survey}
              </p>
            </div>
            <div class="card chart-card">
              <h2>
                {tr(s.trend)} — {scope}
              </h2>
              {trend.data ? <TrendChart points={trend.data.points} method={r.method} label={scope} current={meta.currentQuarter} /> : null}
            </div>
          </section>
          <div class="actions-row no-print">
            <a class="button" href={download('xlsx')} download>
              {tr(s.exportXlsx)}
            </a>
            <a class="button" href={download('csv')} download>
              {tr(s.exportCsv)}
            </a>
            <a class="button secondary" href={`/print/${values.survey}/${values.period}?${filter}`}>
              {tr(s.print)}
            </a>
          </div>
          {r.units.length ? (
            <RankingTable
              key={wholeKey}
              report={wantAll && whole.data && !whole.loading ? whole.data : r}
              elements={elementsOf(def, tr)}
              query={query}
              whole={{ loading: wantAll && whole.loading, error: wantAll ? whole.error : null, ask: () => setWantAllFor(wholeKey) }}
            />
          ) : (
            <p>{tr(s.noData)}</p>
          )}
          {def?.index.method === 'share' && def.index.headline ? (
            <section class="card">
              <h2>{tr(s.heatMap)}</h2>
              <HeatMap survey={values.survey!} period={values.period!} channel={values.channel || undefined} kind={values.kind || undefined} />
            </section>
          ) : null}
        </>
      ) : (
        <p aria-busy="true">{tr(s.loading)}</p>
      )}
    </>
  )
}

/** Open alerts in scope, kept current by the event stream: a new one appears without a reload. */
function OpenAlerts({ tr }: { tr: ReturnType<typeof useApp>['tr'] }) {
  const live = useLive(['alert', 'alert-updated'])
  const alerts = useGet(client.api.v1.alerts, { query: { state: 'open', limit: '5', offset: '0' } })
  const { reload } = alerts
  useEffect(() => {
    if (live.version) reload()
  }, [live.version, reload])
  return (
    <section class="card alerts-panel" aria-labelledby="dashboard-alerts" aria-live="polite">
      <h2 id="dashboard-alerts">{tr(s.openAlerts)}</h2>
      {alerts.data ? <AlertList alerts={alerts.data.alerts} highlight={live.lastAlertId} /> : null}
      <p>
        <a href="/live">{tr(s.allAlerts)}</a>
      </p>
    </section>
  )
}
