import { useEffect } from 'preact/hooks'
import { AlertList } from '../components/alert-list.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { useLive } from '../hooks/use-live.ts'
import { localTime, type AlertItem } from '../lib/alert-types.ts'
import { formatNumber } from '../lib/i18n.ts'

interface LiveDesk {
  id: number
  code: string
  name: string
  agency: { code: string; name: string }
  today: { n: number; counts: number[]; index: number | null }
  recent: Array<{ id: number; at: string; rating: number | null; comment: string | null }>
  kiosks: Array<{ id: number; name: string; status: 'ok' | 'silent' | 'unpaired' | 'revoked'; queueLength: number | null; lastSeenAt: string | null }>
  openAlerts: number
}

const kioskStatus = {
  ok: ['Hoạt động', 'Working'],
  silent: ['Im lặng', 'Silent'],
  unpaired: ['Chưa ghép nối', 'Not paired'],
  revoked: ['Đã thu hồi', 'Revoked'],
} as const

/** "Trực tiếp": today's ratings per desk as they arrive, each tablet's state and queue, and the open alerts. */
export function LivePage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const live = useLive(['ratings', 'alert', 'alert-updated'])
  const data = useFetch<{ now: string; desks: LiveDesk[]; alerts: AlertItem[] }>('/api/v1/live')
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
      <h1>{vi ? 'Trực tiếp' : 'Live'}</h1>
      <p class="muted" role="status">
        {live.connected ? (vi ? '● Đang cập nhật trực tiếp' : '● Updating live') : vi ? '○ Đang kết nối lại…' : '○ Reconnecting…'}
        {d ? ` · ${vi ? 'Hôm nay, cập nhật lúc' : 'Today, updated at'} ${localTime(d.now, auth?.timeZone, false)}` : ''}
      </p>
      {data.error ? (
        <p class="form-error" role="alert">
          {data.error.body?.error.message[lang] ?? data.error.message}
        </p>
      ) : null}
      <section class="card" aria-labelledby="open-alerts">
        <h2 id="open-alerts">{vi ? 'Cảnh báo đang mở' : 'Open alerts'}</h2>
        {d ? <AlertList alerts={d.alerts} highlight={live.lastAlertId} /> : <p aria-busy="true">{vi ? 'Đang tải…' : 'Loading…'}</p>}
        <p>
          <a href="/alerts/rules">{vi ? 'Quy tắc cảnh báo' : 'Alert rules'}</a>
        </p>
      </section>
      {d && !d.desks.length ? <p>{vi ? 'Chưa có quầy nào.' : 'No desks yet.'}</p> : null}
      <div class="desk-grid">
        {d?.desks.map((desk) => (
          <section key={desk.id} class={`card desk-card${desk.openAlerts ? ' has-alert' : ''}`} aria-label={`${desk.agency.name} — ${desk.name}`}>
            <h2>
              {desk.name}
              {desk.openAlerts ? <span class="badge state-new">{vi ? `${desk.openAlerts} cảnh báo` : `${desk.openAlerts} alert${desk.openAlerts > 1 ? 's' : ''}`}</span> : null}
            </h2>
            <p class="muted">{desk.agency.name}</p>
            <p class="desk-today">
              <strong class="desk-n">{desk.today.n}</strong> {vi ? 'đánh giá hôm nay' : 'ratings today'}
              {desk.today.index !== null ? ` · ${vi ? 'chỉ số' : 'index'} ${formatNumber(desk.today.index, 0, lang)}` : ''}
            </p>
            <ul class="face-counts" aria-label={vi ? 'Số đánh giá theo mức' : 'Ratings by level'}>
              {desk.today.counts.map((n, i) => (
                <li key={i}>
                  <span aria-hidden="true" class={`level level-${i + 1}`}>
                    {i + 1}★
                  </span>
                  <span class="sr-only">{vi ? `${i + 1} sao:` : `${i + 1} of 5:`}</span> {n}
                </li>
              ))}
            </ul>
            {desk.kiosks.length ? (
              <ul class="plain kiosk-states">
                {desk.kiosks.map((k) => (
                  <li key={k.id} class={`kiosk-${k.status}`}>
                    {k.name}: {kioskStatus[k.status][vi ? 0 : 1]}
                    {k.queueLength ? ` · ${vi ? 'chưa gửi' : 'unsent'} ${k.queueLength}` : ''} · {vi ? 'liên lạc' : 'seen'} {localTime(k.lastSeenAt, auth?.timeZone, false)}
                  </li>
                ))}
              </ul>
            ) : (
              <p class="muted">{vi ? 'Không có máy tính bảng' : 'No tablet'}</p>
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
