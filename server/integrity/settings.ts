import { z } from 'zod'
import type { Db } from '../db/types.ts'
import { jsonSetting } from '../settings/service.ts'

/**
 * The thresholds of the index's integrity rules, in the `settings` row `integrity.settings` so a province
 * can tune them without a restart (README, "Trustworthy index").
 */
export const IntegritySettings = z.object({
  /** A kiosk rating given longer ago than this is kept, flagged `stale`, and counts only once reviewed. */
  maxQueueAgeDays: z.number().int().min(1).max(365).default(14),
  /** This many ratings in a row at one desk, all at the top of the scale, within `topRunMinutes`: flagged. */
  topRunLength: z.number().int().min(3).max(1000).default(15),
  topRunMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /** A desk link page opened before its desk switched survey may still send its answer this long after. */
  linkGraceMinutes: z
    .number()
    .int()
    .min(0)
    .max(24 * 60)
    .default(30),
})
export type IntegritySettings = z.infer<typeof IntegritySettings>
export const INTEGRITY_SETTINGS_KEY = 'integrity.settings'

/** A damaged row falls back to the defaults rather than stopping intake. */
export function integritySettings(db: Db): Promise<IntegritySettings> {
  return jsonSetting(db, INTEGRITY_SETTINGS_KEY, IntegritySettings)
}
