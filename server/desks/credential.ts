import type { Context } from 'hono'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { DomainError } from '../domain/errors.ts'
import type { Clock } from '../lib/clock.ts'
import type { Submitter } from '../responses/service.ts'
import { hit } from '../rate-limit/repository.ts'
import { serverSecret } from '../settings/secret.ts'
import { dailyClientHash } from '../lib/client-ip.ts'
import { browserHash, browserId } from './browser-id.ts'
import { findDeskByToken } from './repository.ts'
import { surveyBinding } from './service.ts'
import { integritySettings } from '../integrity/settings.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'

/**
 * Open-link answers from one address to one desk within an hour; past this they are stored but flagged
 * for review, not refused: a commune office's Wi-Fi may put many honest citizens behind one address.
 */
export const DESK_LINK_IP_LIMIT = 10
const IP_WINDOW_MS = 3600_000
const DAY_MS = 86_400_000

/**
 * A desk's public link (poster QR): anyone may answer, on the `qr` channel, timed on arrival. The
 * request gives the browser id cookie and the client address for the link's protections.
 */
export function deskLinkResolver(deps: { db: Kysely<Database>; catalog: SurveyCatalog; clock: Clock; trustProxy: boolean }) {
  return async (token: string, c: Context): Promise<Submitter | null> => {
    const desk = await findDeskByToken(deps.db, token)
    if (!desk) return null
    if (!desk.active) throw new DomainError('gone', 'desk_inactive', { vi: 'Quầy này đã ngừng nhận đánh giá', en: 'This desk no longer takes ratings' })
    const settings = await integritySettings(deps.db)
    const binding = { ...(await surveyBinding(deps.db, deps.catalog, desk.id, 'qr')), graceMs: settings.linkGraceMinutes * 60_000 }
    const secret = await serverSecret(deps.db)
    const now = deps.clock.now()
    const id = browserId(c)
    const address = dailyClientHash(secret, c, deps.trustProxy, now)
    const submitter: Submitter = { kind: 'desk-link', agencyId: desk.agency_id, deskId: desk.id, channel: 'qr', trustsClientTime: false, binding }
    if (id) submitter.browserHash = browserHash(secret, id)
    // Without the cookie the one-per-browser-per-day rule cannot apply: the address's limit then holds for
    // the whole day, not per hour, so a script that drops the cookie gains nothing.
    submitter.countUse = async () => {
      const requests = await hit(deps.db, `desk_link:${desk.id}:${address}`, IP_WINDOW_MS, now)
      const cookieless = id ? 0 : await hit(deps.db, `desk_link_nocookie:${desk.id}:${address}`, DAY_MS, now)
      return requests > DESK_LINK_IP_LIMIT ? 'ip_rate' : cookieless > DESK_LINK_IP_LIMIT ? 'no_cookie' : null
    }
    return submitter
  }
}
