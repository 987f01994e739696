import { BarList } from '../components/bar-list.tsx'
import { CommentList } from '../components/comment-list.tsx'
import { OfficerResults } from '../components/officer-results.tsx'
import { ResponseRateCard } from '../components/response-rate.tsx'
import { filterLabel, reportQuery, trendQuery } from '../components/filters.tsx'
import { HeatMap } from '../components/heat-map.tsx'
import { TrendChart } from '../components/trend-chart.tsx'
import { CredibilityPanel } from '../components/credibility-panel.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { criterionLabel, useDefinition } from '../hooks/use-definition.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { useQueryState } from '../hooks/use-query-state.ts'
import { formatChange, formatIndex, formatInterval, formatRankChange } from '../lib/format.ts'
import { strings as s } from '../lib/strings.ts'
import { reasonOf } from '../lib/reason.ts'

export function AgencyPage({ code: raw }: { code: string }) {
  const code = decodeURIComponent(raw)
  const { tr, lang } = useApp()
  const [values] = useQueryState({ survey: 'mot-cua', period: '', channel: '' })
  const { channel } = reportQuery(values)
  // A bare URL (no period) asks the server for the newest period with answers for this agency.
  const detail = useGet(client.api.v1.dashboard.agencies[':code'], {
    param: { code: encodeURIComponent(code) },
    query: { survey: values.survey!, period: values.period || undefined, channel },
  })
  const period = values.period || detail.data?.period || ''
  const report = useGet(period ? client.api.v1.reports[':survey'][':period'] : null, { param: { survey: values.survey!, period }, query: { channel, agency: code } })
  const trend = useGet(period ? client.api.v1.dashboard.trend[':survey'] : null, {
    param: { survey: values.survey! },
    query: trendQuery({ channel: values.channel, period }, { agency: code }),
  })
  const meta = useGet(client.api.v1.dashboard.meta)
  const def = useDefinition(values.survey!)
  if (detail.error)
    return (
      <section class="card narrow" role="alert">
        <h1>{detail.error.status === 404 ? tr(s.agencyRefused) : tr(s.loadFailed)}</h1>
        <p>{detail.error.status === 404 ? tr(s.agencyRefusedMore) : tr(reasonOf(detail.error))}</p>
        <p>
          <a href="/dashboard">← {tr(s.dashboard)}</a>
        </p>
      </section>
    )
  if (!detail.data) return <p aria-busy="true">{tr(s.loading)}</p>
  const d = detail.data
  const current = meta.data ? period === meta.data.currentQuarter || period === meta.data.currentQuarter.slice(0, 4) : false
  const scope = filterLabel(d.agency.name, { channel: values.channel }, tr)
  const unit = report.data?.units.find((u) => u.agency === code)
  const method = def?.index.method ?? 'share'
  const f = d?.figures
  const minN = report.data?.minSample ?? 0
  const choice = f?.expectations ?? f?.reasons
  const choiceQuestion = def?.pages.flatMap((p) => p.questions).find((q) => q.id === (def.index.method === 'share' ? (def.index.expectations ?? def.index.reasons) : ''))
  return (
    <>
      <p class="no-print">
        <a href={`/dashboard?${new URLSearchParams(Object.entries(values).filter(([, v]) => v))}`}>← {tr(s.back)}</a>
      </p>
      <h1>{d.agency.name}</h1>
      <p class="muted">
        {def ? tr(def.title) : ''} · {period}
        {current ? ` (${tr(s.currentQuarter)})` : ''}
        {values.channel ? ` · ${scope.slice(d.agency.name.length + 3)}` : ''}
      </p>
      {current ? (
        <p class="current-note" role="note">
          {tr(s.currentQuarterNote)}
        </p>
      ) : null}
      {f ? (
        <section class="cards">
          <div class="card stat">
            <h2>{method === 'points' ? tr(s.points) : tr(s.index)}</h2>
            <p class="big">{formatIndex(f.index, method, lang)}</p>
            <p>
              n = {f.n} · {tr(s.interval)}: {formatInterval(f.ci95, method, lang)}
            </p>
            {unit ? (
              <p>
                {tr(s.rank)}: {unit.rank ?? tr(s.insufficient)}
                {unit.rank !== null ? ` (${tr(s.rankChange).toLowerCase()}: ${formatRankChange(unit.rankChange)})` : ''}
                {unit.previousRank !== null ? ` · ${tr(s.previousRank)}: ${unit.previousRank}` : ''} · {method === 'points' ? tr(s.pointsChange) : tr(s.indexChange)}:{' '}
                {formatChange(unit.indexChange, method, lang)}
              </p>
            ) : null}
          </div>
          <div class="card chart-card">
            <h2>
              {tr(s.trend)} — {scope}
            </h2>
            {trend.data ? <TrendChart points={trend.data.points} method={method} label={scope} current={meta.data?.currentQuarter} /> : null}
          </div>
        </section>
      ) : (
        <p>{tr(s.noData)}</p>
      )}
      {f && def?.index.method === 'share' && def.index.elements ? (
        <section class="card">
          <h2>{tr(s.elements)}</h2>
          <BarList method="share" bars={def.index.elements.map((e) => ({ id: e.id, label: tr(e.text), value: f.elements[e.id] ?? null }))} />
        </section>
      ) : null}
      {/* With the definition, so the bars carry the questions' words from their first paint, never their ids. */}
      {f && def ? (
        <section class="card">
          <h2>{tr(s.criteria)}</h2>
          <BarList
            method={method}
            minN={Math.min(minN, 10)}
            bars={Object.keys(f.criteria).map((id) => ({ id, label: criterionLabel(def, id, tr), value: f.criteria[id] ?? null, n: f.criteriaN[id] ?? 0 }))}
          />
        </section>
      ) : null}
      {choice && choiceQuestion?.type === 'choice' ? (
        <section class="card">
          <h2>{f?.expectations ? tr(s.expectations) : tr(s.reasons)}</h2>
          <BarList method="share" bars={choiceQuestion.options.map((o) => ({ id: o.id, label: tr(o.text), value: choice[o.id] ?? 0 }))} />
          <p class="muted">n = {f?.expectationsN ?? f?.reasonsN ?? 0}</p>
        </section>
      ) : null}
      {d ? (
        <section class="cards">
          <div class="card">
            <h2>{tr(s.byChannel)}</h2>
            <BarList method={method} bars={d.byChannel.map((c) => ({ id: c.key, label: tr(s[c.key as 'kiosk'] ?? { vi: c.key, en: c.key }), value: c.index, n: c.n }))} />
          </div>
          <div class="card">
            <h2>{tr(s.byDesk)}</h2>
            <BarList method={method} bars={d.byDesk.map((x) => ({ id: x.key, label: x.desk?.name ?? tr(s.noDesk), value: x.index, n: x.n }))} />
          </div>
        </section>
      ) : null}
      {def?.index.method === 'share' && def.index.headline ? (
        <section class="card">
          <h2>{tr(s.heatMap)}</h2>
          <HeatMap survey={values.survey!} period={period} agency={code} channel={values.channel || undefined} />
        </section>
      ) : null}
      <ResponseRateCard agency={d.responseRate.agency} byDesk={d.responseRate.byDesk} />
      <OfficerResults agency={code} period={period} />
      {d ? <CredibilityPanel c={d.credibility} method={method} /> : null}
      <section class="card">
        <h2>{tr(s.comments)}</h2>
        <CommentList agency={code} period={period} />
      </section>
    </>
  )
}
