import { useApp } from '../hooks/use-auth.ts'
import type { AlertItem } from '../lib/alert-types.ts'
import { localTime } from '../lib/format.ts'
import { s } from '../lib/strings.ts'

const text = { none: s('Không có cảnh báo nào đang mở.', 'No open alerts.'), owner: s('Phụ trách', 'Owner') }

/** Open alerts, newest first: what happened where, since when, and who took it on. */
export function AlertList({ alerts, highlight }: { alerts: AlertItem[]; highlight?: number | null }) {
  const { tr, auth } = useApp()
  if (!alerts.length) return <p class="muted">{tr(text.none)}</p>
  return (
    <ul class="alert-items">
      {alerts.map((a) => (
        <li key={a.id} class={`alert-item kind-${a.kind} state-${a.state}${a.id === highlight ? ' is-new' : ''}`}>
          <a href={`/alerts/${a.id}`} class="alert-title">
            {tr(a.kindText)}
          </a>
          <span class={`badge state-${a.state}`}>{tr(a.stateText)}</span>
          <p class="alert-summary">{tr(a.summary)}</p>
          <p class="muted">
            {a.agency.name}
            {a.desk ? ` — ${a.desk.name}` : ''}
            {a.kiosk ? ` — ${a.kiosk.name}` : ''} · {localTime(a.raisedAt, auth?.timeZone)}
            {a.owner ? ` · ${tr(text.owner)}: ${a.owner.name}` : ''}
          </p>
        </li>
      ))}
    </ul>
  )
}
