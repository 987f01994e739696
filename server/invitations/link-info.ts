import type { Kysely } from 'kysely'
import { findAgency } from '../agencies/repository.ts'
import type { Database } from '../db/schema.ts'
import { findDeskLabel } from '../desks/repository.ts'
import { publicPrivacy } from '../privacy/service.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { findReceipt, receiptState } from './service.ts'

/**
 * What the phone page shows for a receipt code: the questionnaire while the code is open, else only its
 * state (used, expired), so the page can say so plainly. Unknown codes give undefined.
 */
export async function receiptLinkInfo(db: Kysely<Database>, catalog: SurveyCatalog, token: string, now: Date) {
  const inv = await findReceipt(db, token)
  if (!inv) return undefined
  const [agency, desk, version] = await Promise.all([
    findAgency(db, inv.agency_id),
    inv.desk_id === null ? undefined : findDeskLabel(db, inv.desk_id),
    catalog.get(inv.survey_version_id),
  ])
  if (!agency || !version) return undefined
  const status = receiptState(inv, now)
  return {
    kind: 'receipt' as const,
    status,
    active: status === 'open',
    used: status === 'used',
    expiresAt: inv.expires_at,
    agency: { code: agency.code, name: agency.name },
    desk: desk ? { code: desk.code, name: desk.name } : null,
    survey: version.key,
    procedure: inv.procedure_code,
    privacy: await publicPrivacy(db),
    ...(status === 'open' ? { definition: version.definition } : {}),
  }
}
