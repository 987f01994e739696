import type { LocalizedText } from '../../server/domain/text.ts'

export interface AlertItem {
  id: number
  kind: 'unhappy_burst' | 'silence' | 'index_drop' | 'praise_run'
  kindText: LocalizedText
  state: 'new' | 'acknowledged' | 'resolved'
  stateText: LocalizedText
  summary: LocalizedText
  agency: { code: string; name: string }
  desk: { id: number; code: string; name: string } | null
  kiosk: { id: number; name: string } | null
  owner: { username: string; name: string } | null
  raisedAt: string
  acknowledgedAt: string | null
  resolvedAt: string | null
  closingNote: string | null
}

export interface AlertDetail extends AlertItem {
  ratings: Array<{ id: number; submittedAt: string; rating: number | null; comment: string | null; reasons: string[] }>
  comments: Array<{ id: number; body: string; at: string; by: { username: string; name: string } }>
  deliveries: Array<{
    channel: 'email' | 'webhook'
    status: 'pending' | 'sent' | 'failed'
    attempts: number
    nextAttemptAt: string
    log: Array<{ attempt: number; at: string; ok: boolean; detail: string | null }>
  }>
}

/** Local time of an instant in the server's zone (HAILONG_TZ, from the session), never the browser's: `19:08` or `19:08, 01/12`. */
export function localTime(iso: string | null, timeZone: string | undefined, withDate = true) {
  if (!iso) return '—'
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return withDate ? `${get('hour')}:${get('minute')}, ${get('day')}/${get('month')}` : `${get('hour')}:${get('minute')}`
}
