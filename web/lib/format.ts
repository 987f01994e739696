import { formatNumber, type Lang } from './i18n.ts'

/** Shares with two decimals, points with one, in the language's number format (92,14 in Vietnamese). */
export function formatIndex(value: number | null | undefined, method: 'share' | 'points', lang: Lang): string {
  return formatNumber(value, method === 'points' ? 1 : 2, lang)
}

export function formatChange(value: number | null | undefined, method: 'share' | 'points', lang: Lang): string {
  if (value === null || value === undefined) return '—'
  const text = formatIndex(Math.abs(value), method, lang)
  return value > 0 ? `▲ +${text}` : value < 0 ? `▼ −${text}` : `= ${text}`
}

export function formatRankChange(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  return value > 0 ? `▲ ${value}` : value < 0 ? `▼ ${-value}` : '='
}

export function formatInterval(ci: [number, number] | null | undefined, method: 'share' | 'points', lang: Lang): string {
  return ci ? `${formatIndex(ci[0], method, lang)} – ${formatIndex(ci[1], method, lang)}` : '—'
}

/** A date and time as staff read it, in the server's zone (HAILONG_TZ, from the session), never the browser's. */
export function formatDateTime(iso: string | null, lang: Lang, timeZone: string | undefined): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone })
}

/** The time of day of an instant (a save, a refresh), in the server's zone like every other time staff read. */
export function formatTime(at: string | Date, lang: Lang, timeZone: string | undefined): string {
  return new Date(at).toLocaleTimeString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone })
}

/** Local time of an instant in the server's zone, short, for lists of today's events: `19:08` or `19:08, 01/12`. */
export function localTime(iso: string | null, timeZone: string | undefined, withDate = true) {
  if (!iso) return '—'
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, day: '2-digit', month: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(iso))
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? ''
  return withDate ? `${get('hour')}:${get('minute')}, ${get('day')}/${get('month')}` : `${get('hour')}:${get('minute')}`
}

export function formatDate(iso: string | null, lang: Lang, timeZone: string | undefined): string {
  if (!iso) return '—'
  return new Date(iso).toLocaleDateString(lang === 'vi' ? 'vi-VN' : 'en-GB', { timeZone })
}
