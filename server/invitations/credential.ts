import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import type { Clock } from '../lib/clock.ts'
import type { Submitter } from '../responses/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { findReceipt, receiptExpired, receiptState } from './service.ts'

/**
 * A receipt code (`rcpt_…`): one response for one instrument, on the `qr` channel, timed on arrival.
 * A used code is left to the store, whose conditional update tells a resend (200) from a second answer (409).
 */
export function receiptResolver(deps: { db: Kysely<Database>; catalog: SurveyCatalog; clock: Clock }) {
  return async (token: string): Promise<Submitter | null> => {
    const inv = await findReceipt(deps.db, token)
    if (!inv) return null
    if (receiptState(inv, deps.clock.now()) === 'expired') throw receiptExpired()
    const version = await deps.catalog.get(inv.survey_version_id)
    if (!version) return null
    return {
      kind: 'invitation',
      agencyId: inv.agency_id,
      deskId: inv.desk_id,
      channel: 'qr',
      trustsClientTime: false,
      invitationId: inv.id,
      instrument: version.definition.instrument,
      binding: { current: version.id, earlier: [] },
    }
  }
}
