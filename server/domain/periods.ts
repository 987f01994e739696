import { DomainError } from './errors.ts'

/**
 * Reporting periods are calendar quarters and years in the deployment's time zone (Asia/Ho_Chi_Minh by
 * default): 06:30 on 1 April local time is Q2 although it is still 31 March in UTC.
 */
export type Period = { kind: 'quarter'; year: number; quarter: 1 | 2 | 3 | 4 } | { kind: 'year'; year: number }

export const DEFAULT_TIMEZONE = 'Asia/Ho_Chi_Minh'

export function parsePeriod(text: string): Period {
  const q = /^(\d{4})-Q([1-4])$/.exec(text.trim())
  if (q) return { kind: 'quarter', year: Number(q[1]), quarter: Number(q[2]) as 1 | 2 | 3 | 4 }
  const y = /^(\d{4})$/.exec(text.trim())
  if (y) return { kind: 'year', year: Number(y[1]) }
  throw new DomainError('invalid', 'invalid_period', {
    vi: `Kỳ "${text}" không hợp lệ: dùng dạng 2026-Q1 (quý) hoặc 2026 (năm)`,
    en: `Period "${text}" is not valid: use 2026-Q1 for a quarter or 2026 for a year`,
  })
}

export function formatPeriod(p: Period): string {
  return p.kind === 'quarter' ? `${p.year}-Q${p.quarter}` : String(p.year)
}

/** The quarters a period covers, as `YYYY-Qn` keys (the unit rollups are kept in). */
export function quartersOf(p: Period): string[] {
  return p.kind === 'quarter' ? [formatPeriod(p)] : [1, 2, 3, 4].map((q) => `${p.year}-Q${q}`)
}

/** The period just before: the previous quarter, or the previous year. */
export function previousPeriod(p: Period): Period {
  if (p.kind === 'year') return { kind: 'year', year: p.year - 1 }
  return p.quarter === 1 ? { kind: 'quarter', year: p.year - 1, quarter: 4 } : { kind: 'quarter', year: p.year, quarter: (p.quarter - 1) as 1 | 2 | 3 }
}

const formatters = new Map<string, Intl.DateTimeFormat>()
/** An instant's wall-clock date and time in a time zone (one cached formatter per zone). */
export function partsIn(instant: Date, timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  const parts: Record<string, number> = {}
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') parts[part.type] = Number(part.value)
  return parts as { year: number; month: number; day: number; hour: number; minute: number; second: number }
}

export function assertTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return timeZone
  } catch {
    throw new DomainError('invalid', 'invalid_timezone', {
      vi: `Múi giờ không hợp lệ: ${timeZone}`,
      en: `Unknown time zone: ${timeZone}`,
    })
  }
}

/** Per time zone, the last quarter found and its bounds (ms): the instants intake sees are mostly in it. */
const lastQuarter = new Map<string, { key: string; start: number; end: number }>()

/**
 * The quarter key (`2026-Q2`) an instant belongs to in the given time zone. Intl's formatToParts was the
 * costliest JavaScript step per rating in intake's writer, so an instant within the last quarter found is
 * answered from that quarter's bounds.
 */
export function quarterOf(instant: Date, timeZone: string = DEFAULT_TIMEZONE): string {
  const at = instant.getTime()
  const last = lastQuarter.get(timeZone)
  if (last && at >= last.start && at < last.end) return last.key
  const { year, month } = partsIn(instant, timeZone)
  const quarter = (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4
  const key = `${year}-Q${quarter}`
  const { start, end } = periodBounds({ kind: 'quarter', year, quarter }, timeZone)
  if (at >= start.getTime() && at < end.getTime()) lastQuarter.set(timeZone, { key, start: start.getTime(), end: end.getTime() })
  return key
}

/** The local calendar date (`YYYY-MM-DD`) of an instant. */
export function localDateOf(instant: Date, timeZone: string = DEFAULT_TIMEZONE): string {
  const { year, month, day } = partsIn(instant, timeZone)
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

/** The instant at which a local wall-clock time happens (two passes settle any offset change). */
export function localToInstant(year: number, month: number, day: number, timeZone: string, hour = 0): Date {
  const wall = Date.UTC(year, month - 1, day, hour)
  let guess = wall
  for (let i = 0; i < 2; i++) {
    const p = partsIn(new Date(guess), timeZone)
    const seen = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
    guess += wall - seen
  }
  return new Date(guess)
}

/** Half-open UTC bounds [start, end) of a period in the given time zone. */
export function periodBounds(p: Period, timeZone: string = DEFAULT_TIMEZONE): { start: Date; end: Date } {
  if (p.kind === 'year') return { start: localToInstant(p.year, 1, 1, timeZone), end: localToInstant(p.year + 1, 1, 1, timeZone) }
  const startMonth = (p.quarter - 1) * 3 + 1
  const end = p.quarter === 4 ? localToInstant(p.year + 1, 1, 1, timeZone) : localToInstant(p.year, startMonth + 3, 1, timeZone)
  return { start: localToInstant(p.year, startMonth, 1, timeZone), end }
}

/** The quarter key for the quarter `offset` quarters away (negative goes back). */
export function shiftQuarter(key: string, offset: number): string {
  const p = parsePeriod(key)
  if (p.kind !== 'quarter') throw new Error(`not a quarter: ${key}`)
  const index = p.year * 4 + (p.quarter - 1) + offset
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/**
 * `submitted_at` in files: ISO 8601 with an offset, or a bare date read as local midnight in the
 * province's zone. Returns null for anything else, including impossible dates.
 */
export function parseInstant(text: string, timeZone: string = DEFAULT_TIMEZONE): Date | null {
  const t = text.trim()
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t)
  if (date) {
    const [y, m, d] = [Number(date[1]), Number(date[2]), Number(date[3])]
    const check = new Date(Date.UTC(y, m - 1, d))
    if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null
    return localToInstant(y, m, d, timeZone)
  }
  const full = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(t)
  if (!full) return null
  const instant = new Date(t)
  if (Number.isNaN(instant.getTime())) return null
  const [mo, d, h, mi, s] = [full[2], full[3], full[4], full[5], full[6] ?? '0'].map(Number) as [number, number, number, number, number]
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null
  return instant
}
