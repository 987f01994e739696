import { inTransaction } from '../db/transaction.ts'
import { agencyScope } from '../auth/scope.ts'
import type { ApiKey, DossierRow } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { checkDossierCode } from '../domain/dossier-code.ts'
import { invalid, type FieldIssue } from '../domain/errors.ts'
import type { LocalizedText } from '../domain/text.ts'
import { quarterOf } from '../domain/periods.ts'
import { dossierHash, placeResolver } from '../invitations/service.ts'
import { serverSecret } from '../settings/secret.ts'
import { dossierFormats } from './formats.ts'
import { ensureOfficer, findDossiersByHash, insertDossier, setInvitationOfficer, updateDossier } from './repository.ts'
import type { DossierEvent, DossierEventResult } from './schemas.ts'

export interface DossierContext {
  /** HAILONG_DOSSIER_FORMATS: older formats accepted besides the national one. */
  formats: string[]
  timeZone: string
}

/** What one event or receipt-code request says about a dossier (undefined: it does not say). */
export interface DossierFacts {
  hash: string
  agencyId: number
  deskId?: number
  officerCode?: string
  procedure?: string
  receivedAt?: string
  returnedAt?: string
  apiKeyId: number
}

const iso = (t: string) => new Date(t).toISOString()

/** Validates every dossier code of a request, naming the format in each refusal; the canonical codes or the issues. */
export async function checkDossierCodes(db: Db, ctx: DossierContext, items: Array<{ dossier?: string; field: string }>) {
  const formats = await dossierFormats(db, ctx.formats)
  const issues: FieldIssue[] = []
  const codes = items.map((it) => {
    if (it.dossier === undefined) return undefined
    const checked = checkDossierCode(it.dossier, formats, it.field)
    if ('issue' in checked) issues.push(checked.issue)
    return 'code' in checked ? checked.code : undefined
  })
  return { codes, issues }
}

/**
 * Merges facts into the stored dossier: a fact not known yet is added, a known one repeated changes
 * nothing (so a resent event counts once), a different one is a conflict and nothing of the event is
 * applied. Runs in the caller's transaction.
 */
export async function applyDossierFacts(
  trx: Db,
  facts: DossierFacts[],
  ctx: DossierContext,
  now: Date,
): Promise<Array<{ status: DossierEventResult['status']; message?: LocalizedText }>> {
  const known = new Map<string, DossierRow>((await findDossiersByHash(trx, [...new Set(facts.map((f) => f.hash))])).map((d) => [d.dossier_hash, d]))
  const at = now.toISOString()
  const out: Array<{ status: DossierEventResult['status']; message?: LocalizedText }> = []
  for (const f of facts) {
    const officerId = f.officerCode === undefined ? undefined : await ensureOfficer(trx, f.agencyId, f.officerCode, at)
    const wanted = {
      desk_id: f.deskId,
      officer_id: officerId,
      procedure_code: f.procedure,
      received_at: f.receivedAt === undefined ? undefined : iso(f.receivedAt),
      returned_at: f.returnedAt === undefined ? undefined : iso(f.returnedAt),
    }
    let row = known.get(f.hash)
    if (!row) {
      const fresh = {
        dossier_hash: f.hash,
        agency_id: f.agencyId,
        desk_id: wanted.desk_id ?? null,
        officer_id: wanted.officer_id ?? null,
        procedure_code: wanted.procedure_code ?? null,
        received_at: wanted.received_at ?? null,
        returned_at: wanted.returned_at ?? null,
        returned_quarter: wanted.returned_at ? quarterOf(new Date(wanted.returned_at), ctx.timeZone) : null,
        api_key_id: f.apiKeyId,
        created_at: at,
        updated_at: at,
      }
      const id = await insertDossier(trx, fresh)
      if (id !== null) {
        known.set(f.hash, { id, ...fresh })
        if (fresh.officer_id !== null) await setInvitationOfficer(trx, f.hash, fresh.officer_id)
        out.push({ status: 'created' })
        continue
      }
      // Another node stored it a moment ago: merge into that row.
      row = (await findDossiersByHash(trx, [f.hash]))[0]!
    }
    if (row.agency_id !== f.agencyId) {
      out.push({ status: 'conflict', message: { vi: 'Hồ sơ này đã được báo cho một cơ quan khác', en: 'This dossier was reported for another agency' } })
      continue
    }
    const change: Partial<Record<keyof typeof wanted, string | number>> = {}
    const clash: string[] = []
    for (const [k, v] of Object.entries(wanted) as Array<[keyof typeof wanted, string | number | undefined]>) {
      if (v === undefined) continue
      const stored = row[k]
      if (stored === null) change[k] = v
      else if (stored !== v) clash.push(k)
    }
    if (clash.length) {
      out.push({ status: 'conflict', message: conflictText(clash) })
      continue
    }
    if (!Object.keys(change).length) {
      out.push({ status: 'duplicate' })
      continue
    }
    const returnedQuarter = change.returned_at ? quarterOf(new Date(change.returned_at as string), ctx.timeZone) : row.returned_quarter
    await updateDossier(trx, row.id, { ...(change as Partial<DossierRow>), returned_quarter: returnedQuarter, updated_at: at })
    if (typeof change.officer_id === 'number') await setInvitationOfficer(trx, f.hash, change.officer_id)
    known.set(f.hash, { ...row, ...change, returned_quarter: returnedQuarter, updated_at: at } as DossierRow)
    out.push({ status: 'updated' })
  }
  return out
}

const fieldNames: Record<string, LocalizedText> = {
  desk_id: { vi: 'quầy', en: 'desk' },
  officer_id: { vi: 'công chức tiếp nhận', en: 'receiving officer' },
  procedure_code: { vi: 'mã thủ tục', en: 'procedure' },
  received_at: { vi: 'thời điểm tiếp nhận', en: 'time received' },
  returned_at: { vi: 'thời điểm trả kết quả', en: 'time returned' },
}
function conflictText(fields: string[]): LocalizedText {
  const vi = fields.map((f) => fieldNames[f]!.vi).join(', ')
  const en = fields.map((f) => fieldNames[f]!.en).join(', ')
  return { vi: `Khác với lần báo trước (${vi}); không thay đổi gì`, en: `Differs from what was reported before (${en}); nothing changed` }
}

/**
 * Records dossier events from the one-stop software: every item is checked first (dossier code format,
 * agency and desk within the key's scope) and refused together; then each event is merged in one
 * transaction and answered per item.
 */
export async function recordDossierEvents(db: Db, key: ApiKey, events: DossierEvent[], ctx: DossierContext, now: Date, fieldPrefix = '') {
  const at = (i: number) => (f: string) => `${fieldPrefix}${fieldPrefix ? `${i}.` : ''}${f}`
  const { codes, issues } = await checkDossierCodes(
    db,
    ctx,
    events.map((e, i) => ({ dossier: e.dossier, field: at(i)('dossier') })),
  )
  const place = placeResolver(db, (await agencyScope(db, key.agency_id)) ?? new Set<number>())
  const places: Array<{ agency: { id: number }; desk: { id: number } | null }> = []
  for (const [i, e] of events.entries()) {
    const found = await place(e, at(i))
    if ('issue' in found) issues.push(found.issue)
    else places.push(found)
    const received = e.type === 'received' ? e.at : e.receivedAt
    if (e.type === 'returned' && received && iso(received) > iso(e.at))
      issues.push({ field: at(i)('receivedAt'), code: 'out_of_order', message: { vi: 'Thời điểm tiếp nhận sau thời điểm trả kết quả', en: 'Received after it was returned' } })
    if (iso(e.at) > new Date(now.getTime() + 5 * 60_000).toISOString())
      issues.push({ field: at(i)('at'), code: 'in_future', message: { vi: 'Thời điểm ở tương lai', en: 'The time is in the future' } })
  }
  if (issues.length) throw invalid(issues)
  const secret = await serverSecret(db)
  const facts: DossierFacts[] = events.map((e, i) => ({
    hash: dossierHash(secret, codes[i]!),
    agencyId: places[i]!.agency.id,
    deskId: places[i]!.desk?.id,
    officerCode: e.officer,
    procedure: e.procedure?.normalize('NFC'),
    receivedAt: e.type === 'received' ? e.at : e.receivedAt,
    returnedAt: e.type === 'returned' ? e.at : undefined,
    apiKeyId: key.id,
  }))
  const results = await inTransaction(db, (trx) => applyDossierFacts(trx, facts, ctx, now))
  return results.map((r, index) => ({ index, ...r }))
}
