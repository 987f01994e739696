import { z } from 'zod'
import type { KioskStatus } from '../domain/vocabulary.ts'

/** When a one-stop desk is open: days of the week (0 = Sunday) and local opening and closing times. */
export interface OpeningHours {
  days: number[]
  open: string
  close: string
  timeZone: string
}

/** Mon–Sat 07:00–17:30 in Vietnam: most one-stop desks also open on Saturday morning and often all day. */
export const DEFAULT_OPENING_HOURS: OpeningHours = { days: [1, 2, 3, 4, 5, 6], open: '07:00', close: '17:30', timeZone: 'Asia/Ho_Chi_Minh' }

/** What staff set for a desk (the zone is the deployment's). */
export const DeskHours = z
  .object({
    days: z.array(z.number().int().min(0).max(6)).max(7),
    open: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM'),
    close: z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'HH:MM'),
  })
  .strict()
  .refine((h) => h.open < h.close, { message: 'Giờ mở cửa phải trước giờ đóng cửa / opening must be before closing', path: ['close'] })
export type DeskHours = z.infer<typeof DeskHours>

/** A desk's stored hours (`desks.opening_hours`), or the default when none (or a damaged value) is stored. */
export function openingHoursOf(stored: string | null | undefined, timeZone = DEFAULT_OPENING_HOURS.timeZone): OpeningHours {
  if (!stored) return { ...DEFAULT_OPENING_HOURS, timeZone }
  try {
    const parsed = DeskHours.safeParse(JSON.parse(stored))
    if (parsed.success) return { ...parsed.data, timeZone }
  } catch {
    /* fall through to the default */
  }
  return { ...DEFAULT_OPENING_HOURS, timeZone }
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** True when the instant falls inside opening hours (closing time excluded), read on the local wall clock. */
export function isOpen(at: Date, hours: OpeningHours = DEFAULT_OPENING_HOURS): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at)
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  const day = WEEKDAYS.indexOf(get('weekday'))
  const time = `${get('hour')}:${get('minute')}`
  return hours.days.includes(day) && time >= hours.open && time < hours.close
}

/** A paired kiosk unheard of for this long while the desk is open is shown as silent. */
export const SILENT_AFTER_MS = 10 * 60_000

export function fleetStatus(
  k: { paired_at: string | null; revoked_at: string | null; last_seen_at: string | null },
  now: Date,
  hours: OpeningHours = DEFAULT_OPENING_HOURS,
): KioskStatus {
  if (k.revoked_at) return 'revoked'
  if (!k.paired_at) return 'unpaired'
  const seen = new Date(k.last_seen_at ?? k.paired_at).getTime()
  return isOpen(now, hours) && now.getTime() - seen > SILENT_AFTER_MS ? 'silent' : 'ok'
}
