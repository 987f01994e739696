import type { Db } from '../db/types.ts'
import { hashToken } from '../lib/tokens.ts'
import type { Submitter } from '../responses/service.ts'
import type { TtlCache } from '../lib/ttl-cache.ts'
import { findKioskRowBySecretHash } from './repository.ts'
import type { Clock } from '../lib/clock.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { surveyBinding } from '../desks/service.ts'
import { integritySettings } from '../integrity/settings.ts'
import { openingHoursOf } from './opening-hours.ts'

/** Finds the kiosk a device secret belongs to, with its current desk and agency. */
export function kioskBySecret(db: Db, token: string) {
  return findKioskRowBySecretHash(db, hashToken(token))
}

/**
 * Looked-up tablets are kept for a few seconds, so a busy desk's ratings skip the lookup; revoking or
 * moving a tablet clears the cache on this node (other nodes follow within KIOSK_CACHE_MS).
 */
export const KIOSK_CACHE_MS = 5000

/**
 * A paired tablet at a desk: `kiosk` channel, the time of the tap is trusted (its queue may be hours
 * old). A revoked tablet is still recognised, but only what it queued before the revocation is taken.
 */
export function kioskResolver(db: Db, catalog: SurveyCatalog, clock: Clock, cache: TtlCache<Submitter>) {
  return async (token: string): Promise<Submitter | null> => {
    const cached = cache.get(token)
    if (cached) return cached
    const k = await kioskBySecret(db, token)
    if (!k) return null
    const settings = await integritySettings(db)
    const submitter: Submitter = {
      kind: 'kiosk',
      agencyId: k.agency_id,
      deskId: k.desk_id,
      channel: 'kiosk',
      trustsClientTime: true,
      kioskId: k.id,
      ...(k.revoked_at ? { acceptsGivenBefore: new Date(k.revoked_at) } : {}),
      acceptsGivenAfter: new Date(k.paired_at ?? k.created_at),
      maxAgeMs: settings.maxQueueAgeDays * 86_400_000,
      binding: await surveyBinding(db, catalog, k.desk_id, 'kiosk'),
      // Only a desk whose hours staff set is checked: the default hours are a guess, not a rule.
      ...(k.desk_opening_hours ? { openingHours: openingHoursOf(k.desk_opening_hours) } : {}),
    }
    cache.set(token, submitter)
    return submitter
  }
}
