import type { LocalizedText } from './text.ts'

/** Monday first, as Vietnamese calendars and office weeks go. */
export const WEEKDAYS: LocalizedText[] = [
  { vi: 'Thứ Hai', en: 'Monday' },
  { vi: 'Thứ Ba', en: 'Tuesday' },
  { vi: 'Thứ Tư', en: 'Wednesday' },
  { vi: 'Thứ Năm', en: 'Thursday' },
  { vi: 'Thứ Sáu', en: 'Friday' },
  { vi: 'Thứ Bảy', en: 'Saturday' },
  { vi: 'Chủ nhật', en: 'Sunday' },
]

export interface HeatCell {
  /** 0 = Monday … 6 = Sunday, local time. */
  weekday: number
  hour: number
  n: number
  /** Share of ratings 4 or 5, on 0–100; null when the cell has fewer than the minimum. */
  index: number | null
  sufficient: boolean
}

const DAY = { Mon: 0, Tue: 1, Wed: 2, Thu: 3, Fri: 4, Sat: 5, Sun: 6 } as Record<string, number>

/**
 * Hour × weekday cells from counts per UTC hour (`2026-05-11T02`). Each UTC hour is placed at its local
 * hour: exact for zones whose offset is whole hours (Vietnam is UTC+7 all year).
 */
export function heatCells(rows: Array<{ hour: string; n: number; satisfied: number }>, timeZone: string, minCell: number): HeatCell[] {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: '2-digit', hourCycle: 'h23' })
  const sums = Array.from({ length: 7 * 24 }, () => ({ n: 0, satisfied: 0 }))
  for (const r of rows) {
    const parts = f.formatToParts(new Date(`${r.hour}:00:00.000Z`))
    const weekday = DAY[parts.find((p) => p.type === 'weekday')!.value]!
    const hour = Number(parts.find((p) => p.type === 'hour')!.value)
    const cell = sums[weekday * 24 + hour]!
    cell.n += Number(r.n)
    cell.satisfied += Number(r.satisfied)
  }
  return sums.map((s, i) => ({
    weekday: Math.floor(i / 24),
    hour: i % 24,
    n: s.n,
    index: s.n >= minCell ? (100 * s.satisfied) / s.n : null,
    sufficient: s.n >= minCell,
  }))
}
