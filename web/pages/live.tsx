import { useEffect } from 'preact/hooks'
import { AlertList } from '../components/alert-list.tsx'
import { LoadError } from '../components/load-error.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { useLive } from '../hooks/use-live.ts'
import { KIOSK_STATUS_TEXT } from '../../server/domain/vocabulary.ts'
import { client } from '../lib/client.ts'
import { localTime } from '../lib/format.ts'
import { formatNumber } from '../lib/i18n.ts'
import { s, strings } from '../lib/strings.ts'

const text = {
  updatingLive: s('● Đang cập nhật trực tiếp', '● Updating live'),
  reconnecting: s('○ Đang kết nối lại…', '○ Reconnecting…'),
  updatedAt: s('Hôm nay, cập nhật lúc', 'Today, updated at'),
  alertRules: s('Quy tắc cảnh báo', 'Alert rules'),
  noDesks: s('Chưa có quầy nào.', 'No desks yet.'),
  alerts: (n: number) => s(`${n} cảnh báo`, `${n} alert${n > 1 ? 's' : ''}`),
  ratingsToday: s('đánh giá hôm nay', 'ratings today'),
  index: s('chỉ số', 'index'),
  ratingsByLevel: s('Số đánh giá theo mức', 'Ratings by level'),
  level: (n: number) => s(`${n} sao:`, `${n} of 5:`),
  unsent: s('chưa gửi', 'unsent'),
  seen: s('liên lạc', 'seen'),
  noTablet: s('Không có máy tính bảng', 'No tablet'),
}

/** "Trực tiếp": today's ratings per desk as they arrive, each tablet's state and queue, and the open alerts. */
export function LivePage() {
  const { lang, tr, auth } = useApp()
  const live = useLive(['ratings', 'alert', 'alert-updated'])
  const data = useGet(client.api.v1.live, { query: {} })
  const { reload } = data
  useEffect(() => {
    if (live.version) reload()
  }, [live.version, reload])
  // Another node's ratings reach this page through the stream's own check, or at worst this refresh.
  useEffect(() => {
    const timer = setInterval(reload, 60_000)
    return () => clearInterval(timer)
  }, [reload])
  const d = data.data
  return (
    <>
      <h1>{tr(strings.live)}</h1>
      <p class="muted" role="status">
        {live.connected ? tr(text.updatingLive) : tr(text.reconnecting)}
        {d ? ` · ${tr(text.updatedAt)} ${localTime(d.now, auth?.timeZone, false)}` : ''}
      </p>
      {data.error ? <LoadError error={data.error} /> : null}
      <section class="card" aria-labelledby="open-alerts">
        <h2 id="open-alerts">{tr(strings.openAlerts)}</h2>
        {d ? <AlertList alerts={d.alerts} highlight={live.lastAlertId} /> : <p aria-busy="true">{tr(strings.loading)}</p>}
        <p>
          <a href="/alerts/rules">{tr(text.alertRules)}</a>
        </p>
      </section>
      {d && !d.desks.length ? <p>{tr(text.noDesks)}</p> : null}
      <div class="desk-grid">
        {d?.desks.map((desk) => (
          <section key={desk.id} class={`card desk-card${desk.openAlerts ? ' has-alert' : ''}`} aria-label={`${desk.agency.name} — ${desk.name}`}>
            <h2>
              {desk.name}
              {desk.openAlerts ? <span class="badge state-new">{tr(text.alerts(desk.openAlerts))}</span> : null}
            </h2>
            <p class="muted">{desk.agency.name}</p>
            <p class="desk-today">
              <strong class="desk-n">{desk.today.n}</strong> {tr(text.ratingsToday)}
              {desk.today.index !== null ? ` · ${tr(text.index)} ${formatNumber(desk.today.index, 0, lang)}` : ''}
            </p>
            <ul class="face-counts" aria-label={tr(text.ratingsByLevel)}>
              {desk.today.counts.map((n, i) => (
                <li key={i}>
                  <span aria-hidden="true" class={`level level-${i + 1}`}>
                    {i + 1}★
                  </span>
                  <span class="sr-only">{tr(text.level(i + 1))}</span> {n}
                </li>
              ))}
            </ul>
            {desk.kiosks.length ? (
              <ul class="plain kiosk-states">
                {desk.kiosks.map((k) => (
                  <li key={k.id} class={`kiosk-${k.status}`}>
                    {k.name}: {tr(KIOSK_STATUS_TEXT[k.status])}
                    {k.queueLength ? ` · ${tr(text.unsent)} ${k.queueLength}` : ''} · {tr(text.seen)} {localTime(k.lastSeenAt, auth?.timeZone, false)}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{tr(text.noTablet)}</p>
            )}
            {desk.recent.length ? (
              <ul class="plain recent-ratings">
                {desk.recent.map((r) => (
                  <li key={r.id}>
                    <span class="muted">{localTime(r.at, auth?.timeZone, false)}</span> {r.rating !== null ? <span class={`level level-${r.rating}`}>{r.rating}★</span> : null}
                    {r.comment ? <q>{r.comment}</q> : null}
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
      </div>
    </>
  )
}
