import { inTransaction } from '../db/transaction.ts'
import { computedOnce } from '../db/computed-once.ts'
import { tableStamp } from '../db/repository.ts'
import type { Kysely } from 'kysely'
import { appendAudit } from '../audit/service.ts'
import { inScope, notInScope, type StaffUser } from '../auth/scope.ts'
import { BOM, csvLine } from '../exports/csv.ts'
import type { AgencyKind, Database } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { codeTaken, DomainError, invalid, issue, unknownAgencyIssue } from '../domain/errors.ts'
import type { Clock } from '../lib/clock.ts'
import { wholeScope } from '../domain/whole-scope.ts'
import { listDesksOfAgency, updateDesk } from '../desks/repository.ts'
import { findAgencyByCode, insertAgency, listAgencies, markAgencyMerged, reparentChildren, setAgencyActiveFlag, updateAgency } from './repository.ts'

export interface AgencyInput {
  code: string
  name: string
  parent: string | null
  kind: AgencyKind
}

/**
 * Every agency, read once per state of the data: reports, the dashboard and the scope filter ask for
 * the whole list (thousands at the national shape) on every request; read again only when the agencies
 * table has been written (a rating does not move it). Frozen: filter, do not sort in place.
 */
export const agencyDirectory = (db: Db) => computedOnce(db, 'agencies', () => listAgencies(db), tableStamp('agencies'))

/** What this deployment's overall figure covers ('Toàn tỉnh' or 'Toàn quốc'), for every screen and file that names it. */
export const overallScope = async (db: Db) => wholeScope(await agencyDirectory(db))

const notFound = (code: string) => new DomainError('not_found', 'unknown_agency', { vi: `Không có cơ quan mã ${code}`, en: `No agency with code ${code}` })

/**
 * An agency by code, only when the staff member may see it (404 otherwise: no hint that it exists).
 * With `field`, deployment-wide staff (from whom nothing is hidden) are told the code does not exist.
 */
export async function agencyInScope(db: Db, staff: StaffUser, code: string, opts: { field?: string } = {}) {
  const agency = await findAgencyByCode(db, code)
  if (!agency && opts.field && staff.scope === null) throw invalid([unknownAgencyIssue(opts.field, code)])
  if (!agency || !inScope(staff, agency.id)) throw notInScope()
  return agency
}

async function parentId(db: Db, code: string | null, self?: number) {
  if (!code) return null
  const parent = await findAgencyByCode(db, code)
  if (!parent) throw invalid([issue('parent', 'unknown_parent', `Không có cơ quan mã ${code}`, `No agency with code ${code}`)])
  // Walking up from the new parent must never reach the agency itself: roll-ups would loop.
  const all = new Map((await listAgencies(db)).map((a) => [a.id, a]))
  for (let p: number | null = parent.id, guard = 0; p !== null && guard < 1000; p = all.get(p)?.parent_id ?? null, guard++)
    if (p === self)
      throw invalid([issue('parent', 'parent_cycle', 'Không thể đặt dưới chính nó hoặc đơn vị cấp dưới', 'Cannot move an agency under itself or one of its sub-agencies')])
  return parent.id
}

export async function createAgency(db: Db, input: AgencyInput, actor: string, clock: Clock) {
  if (await findAgencyByCode(db, input.code)) throw codeTaken(`Mã ${input.code} đã có`, `Code ${input.code} is taken`)
  const at = clock.now()
  const parent = await parentId(db, input.parent)
  return inTransaction(db, async (trx) => {
    const id = await insertAgency(trx, { code: input.code, name: input.name.normalize('NFC'), parentId: parent, kind: input.kind, at: at.toISOString() })
    await appendAudit(trx, { actor, action: 'agency.create', target: `agency:${input.code}`, details: { ...input } }, at)
    return id
  })
}

/** Edit or move an agency; its code is its stable identity and never changes. */
export async function editAgency(db: Db, code: string, input: Omit<AgencyInput, 'code'>, actor: string, clock: Clock) {
  const agency = await findAgencyByCode(db, code)
  if (!agency) throw notFound(code)
  const parent = await parentId(db, input.parent, agency.id)
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    await updateAgency(trx, agency.id, { name: input.name.normalize('NFC'), parentId: parent, kind: input.kind, at: at.toISOString() })
    await appendAudit(trx, { actor, action: 'agency.update', target: `agency:${code}`, details: { ...input } }, at)
  })
}

/** Agencies are never deleted (their responses are history); deactivating hides them from new work. */
export async function setAgencyActive(db: Db, code: string, active: boolean, actor: string, clock: Clock) {
  const agency = await findAgencyByCode(db, code)
  if (!agency) throw notFound(code)
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    await setAgencyActiveFlag(trx, agency.id, active, at.toISOString())
    await appendAudit(trx, { actor, action: active ? 'agency.activate' : 'agency.deactivate', target: `agency:${code}` }, at)
  })
}

/**
 * Merges agency A into B (the 2025 reorganisation): A's past responses stay under A, so its history and
 * past rankings do not change; from now on its desks, sub-agencies and new answers belong to B.
 */
export async function mergeAgency(db: Db, fromCode: string, intoCode: string, actor: string, clock: Clock) {
  const from = await findAgencyByCode(db, fromCode)
  const into = await findAgencyByCode(db, intoCode)
  if (!from) throw notFound(fromCode)
  if (!into) throw notFound(intoCode)
  if (from.id === into.id || from.merged_into_id !== null)
    throw invalid([issue('into', 'invalid_merge', 'Không thể sáp nhập vào chính nó hoặc sáp nhập hai lần', 'Cannot merge into itself or merge twice')])
  await parentId(db, intoCode, from.id)
  const at = clock.now().toISOString()
  await inTransaction(db, async (trx) => {
    const taken = new Set((await listDesksOfAgency(trx, into.id)).map((d) => d.code))
    for (const desk of await listDesksOfAgency(trx, from.id)) {
      // Desk codes are unique per agency: a clash keeps both, the moved one prefixed with A's code.
      const code = taken.has(desk.code) ? `${from.code}-${desk.code}` : desk.code
      await updateDesk(trx, desk.id, { agencyId: into.id, code })
    }
    await reparentChildren(trx, from.id, into.id, at)
    await markAgencyMerged(trx, from.id, into.id, at)
    await appendAudit(trx, { actor, action: 'agency.merge', target: `agency:${fromCode}`, details: { into: intoCode } }, new Date(at))
  })
}

/** The agencies CSV (code,name,parent,kind), the same format `hailong agencies import` reads. */
export async function agenciesCsv(db: Kysely<Database>): Promise<string> {
  const agencies = await listAgencies(db)
  const codes = new Map(agencies.map((a) => [a.id, a.code]))
  return (
    BOM +
    csvLine(['code', 'name', 'parent', 'kind', 'active']) +
    agencies.map((a) => csvLine([a.code, a.name, a.parent_id ? (codes.get(a.parent_id) ?? '') : '', a.kind, a.active])).join('')
  )
}
