import { DeskSelect } from './desk-select.tsx'
import { useState } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { useVisible } from '../hooks/use-visible.ts'
import { client, type Res } from '../lib/client.ts'
import type { AgencyKind, Channel } from '../../server/domain/vocabulary.ts'
import { formatNumber } from '../lib/i18n.ts'
import { s, strings } from '../lib/strings.ts'
import { LoadError } from './load-error.tsx'

const text = {
  allDesks: s('Tất cả các quầy', 'All desks'),
  legend: (n: number, minCell: number, timeZone: string) =>
    s(
      `n = ${n} đánh giá. Mỗi ô: chỉ số (tỷ lệ 4–5 sao) và số đánh giá n; ô dưới ${minCell} đánh giá ghi "chưa đủ mẫu". Giờ theo ${timeZone}.`,
      `n = ${n} ratings. Each cell: the index (share of 4–5) and the number of ratings n; cells under ${minCell} ratings say "too few". Hours in ${timeZone}.`,
    ),
  caption: s('Chỉ số theo giờ và thứ trong tuần', 'Index by hour and weekday'),
  day: s('Thứ', 'Day'),
  tooFew: s('chưa đủ mẫu', 'too few'),
  few: s('ít', 'few'),
}

type HeatMapData = Res<typeof client.api.v1.dashboard.heatmap.$get>

/** Hours with no rating on any day of the week are left out, so a desk's day fits the screen. */
function shownHours(cells: HeatMapData['cells']) {
  const used = cells.filter((c) => c.n > 0).map((c) => c.hour)
  const from = Math.min(7, ...used)
  const to = Math.max(17, ...used)
  return Array.from({ length: to - from + 1 }, (_, i) => from + i)
}

/** Red (low index) through amber to green (high); cells below the minimum stay grey. */
function colour(index: number) {
  const hue = Math.round((Math.max(0, Math.min(100, index)) / 100) * 120)
  return `hsl(${hue} 65% 82%)`
}

interface HeatMapProps {
  survey: string
  period: string
  agency?: string
  channel?: string
  kind?: string
}

/** Hour × weekday: how many ratings (n) and how satisfied, for a period, an agency (or the scope) and a desk; asked for when scrolled near. */
export function HeatMap(props: HeatMapProps) {
  const { tr } = useApp()
  const [ref, visible] = useVisible<HTMLDivElement>()
  return <div ref={ref}>{visible ? <HeatMapBody {...props} /> : <p class="muted">{tr(strings.loading)}</p>}</div>
}

function HeatMapBody({ survey, period, agency, channel, kind }: HeatMapProps) {
  const { lang, tr } = useApp()
  const [deskId, setDeskId] = useState('')
  const query = {
    survey,
    period,
    agency: agency || undefined,
    deskId: deskId || undefined,
    channel: (channel || undefined) as Channel | undefined,
    kind: (kind || undefined) as AgencyKind | undefined,
  }
  const map = useGet(client.api.v1.dashboard.heatmap, { query })
  if (map.error) return <LoadError error={map.error} class="muted" />
  const m = map.data
  if (!m) return <p aria-busy="true">{tr(strings.loading)}</p>
  const hours = shownHours(m.cells)
  return (
    <div class="heat-map">
      {m.desks.length ? <DeskSelect id="heat-desk" desks={m.desks} value={deskId} onChange={setDeskId} allLabel={text.allDesks} /> : null}
      <p class="muted">{tr(text.legend(m.n, m.minCell, m.timeZone))}</p>
      <div class="table-wrap">
        <table class="heat">
          <caption class="sr-only">{tr(text.caption)}</caption>
          <thead>
            <tr>
              <th scope="col">{tr(text.day)}</th>
              {hours.map((h) => (
                <th scope="col" key={h}>
                  {String(h).padStart(2, '0')}h
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {m.weekdays.map((day, w) => (
              <tr key={w}>
                <th scope="row">{tr(day)}</th>
                {hours.map((h) => {
                  const c = m.cells[w * 24 + h]!
                  const label = c.sufficient ? `${formatNumber(c.index, 0, lang)} · n = ${c.n}` : c.n ? `${tr(text.tooFew)} · n = ${c.n}` : `n = 0`
                  return (
                    <td key={h} class={c.sufficient ? 'cell' : 'cell thin'} style={c.sufficient ? { background: colour(c.index!) } : undefined} title={label} data-n={c.n}>
                      {c.sufficient ? <strong>{formatNumber(c.index, 0, lang)}</strong> : c.n ? <span>{tr(text.few)}</span> : null}
                      {c.n ? <small>n={c.n}</small> : null}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  )
}
