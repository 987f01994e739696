import { filterLabel, reportQuery, trendQuery } from '../components/filters.tsx'
import { RankingTable } from '../components/ranking-table.tsx'
import { TrendChart } from '../components/trend-chart.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { elementsOf, useDefinition } from '../hooks/use-definition.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { useQueryState } from '../hooks/use-query-state.ts'
import { formatDateTime, formatIndex, formatInterval } from '../lib/format.ts'
import { s, strings } from '../lib/strings.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { isNation } from '../../server/domain/whole-scope.ts'

const text = { title: s('Báo cáo chỉ số hài lòng', 'Satisfaction index report') }

/**
 * Who issues the report: the Sở Nội vụ of the province the user's agency sits in (the server names it:
 * a commune's manager sees no province in their own agency list), or for a national deployment's
 * admins the Ministry of Home Affairs, in Hà Nội (demo: Tỉnh Sơn La).
 */
function issuingAuthority(meta: { wholeScope: LocalizedText; province: string | null }) {
  if (meta.province === null && isNation(meta.wholeScope)) return { ministry: true, province: null, place: 'Hà Nội' } as const
  return { ministry: false, province: meta.province, place: meta.province?.replace(/^(Tỉnh|Thành phố)\s+/, '') ?? null } as const
}

/** The report laid out for A4 paper, charts included, for the browser's "Save as PDF". */
export function PrintPage({ survey, period }: { survey: string; period: string }) {
  const { tr, lang } = useApp()
  const [values] = useQueryState({ kind: '', channel: '' })
  const report = useGet(client.api.v1.reports[':survey'][':period'], { param: { survey, period }, query: reportQuery(values) })
  const trend = useGet(client.api.v1.dashboard.trend[':survey'], { param: { survey }, query: trendQuery({ ...values, period }) })
  const def = useDefinition(survey)
  const meta = useGet(client.api.v1.dashboard.meta)
  const r = report.data
  // The issuing authority is read from meta: until it has come (or failed) nothing is headed, so no
  // province is printed for a moment in a deployment that is the nation's.
  if (!r || meta.loading) return <p aria-busy="true">{tr(strings.loading)}</p>
  const scope = filterLabel(tr(strings.wholeScope(meta.data)), values, tr)
  const issuer = meta.data ? issuingAuthority(meta.data) : null
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: r.timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date()).split('-')
  return (
    <article class="print-view">
      <p class="no-print">
        <button type="button" onClick={() => window.print()}>
          {tr(strings.print)}
        </button>
      </p>
      {/* The heading of an administrative document (Nghị định 30/2020/NĐ-CP): issuing authority left, national heading right. */}
      <header class="doc-head">
        <div class="authority">
          {issuer?.ministry ? (
            <p class="strong underline">BỘ NỘI VỤ</p>
          ) : issuer ? (
            <>
              {issuer.province ? <p>UBND {issuer.province.toUpperCase()}</p> : null}
              <p class="strong underline">SỞ NỘI VỤ</p>
            </>
          ) : null}
        </div>
        <div class="nation">
          <p class="strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p class="strong underline">Độc lập - Tự do - Hạnh phúc</p>
          <p class="date">
            <em>
              {issuer?.place ? `${issuer.place}, ` : ''}ngày {today[2]} tháng {today[1]} năm {today[0]}
            </em>
          </p>
        </div>
      </header>
      <h1>
        {tr(text.title)} — {def ? tr(def.title) : survey} — {r.period}
      </h1>
      <p>
        {scope}: <strong>{formatIndex(r.overall.index, r.method, lang)}</strong> (n = {r.overall.n}; {tr(strings.interval)} {formatInterval(r.overall.ci95, r.method, lang)})
      </p>
      {trend.data ? <TrendChart points={trend.data.points} method={r.method} label={scope} current={meta.data?.currentQuarter} /> : null}
      <RankingTable report={r} elements={elementsOf(def, tr)} query={`survey=${survey}&period=${period}`} pageSize={Infinity} />
      <footer class="signatures">
        <div>
          <p class="strong">NGƯỜI LẬP BIỂU</p>
          <p>
            <em>(Ký, ghi rõ họ tên)</em>
          </p>
        </div>
        <div>
          <p class="strong">{issuer?.ministry ? 'BỘ TRƯỞNG' : 'GIÁM ĐỐC'}</p>
          <p>
            <em>(Ký, ghi rõ họ tên, đóng dấu)</em>
          </p>
        </div>
      </footer>
      <p class="muted">
        {tr(strings.generated)}: {formatDateTime(new Date().toISOString(), lang, r.timezone)} · {r.timezone} · {r.versions.join(', ')}
      </p>
    </article>
  )
}
