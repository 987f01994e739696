import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import { findAgency, findAgencyByCode } from '../agencies/repository.ts'
import { agencyScope, unknownAgencyInScope } from '../auth/scope.ts'
import type { ApiKey, Desk, Invitation } from '../db/schema.ts'
import { DomainError, invalid, issue, type FieldIssue } from '../domain/errors.ts'
import { surveyForDesk } from '../desks/service.ts'
import { sha256 } from '../lib/canonical-json.ts'
import { hashToken, newToken } from '../lib/tokens.ts'
import { serverSecret } from '../settings/secret.ts'
import { applyDossierFacts, checkDossierCodes, type DossierContext } from '../dossiers/service.ts'
import { ensureOfficer, invitationOfficersFromDossiers } from '../dossiers/repository.ts'
import type { SurveyCatalog, SurveyVersion } from '../surveys/catalog.ts'
import { expireUnusedForDossiers, findDesksByCode, findInvitationByHash, insertInvitations } from './repository.ts'
import { DEFAULT_EXPIRY_DAYS, MAX_EXPIRY_DAYS, type InvitationRequest } from './schemas.ts'

const DAY_MS = 24 * 3600_000

export interface MintedInvitation {
  token: string
  expiresAt: string
  agency: string
  desk: string | null
  survey: string
}

/** The dossier code is kept only as a hash salted with the server secret: the receipt's number never leaks. */
export const dossierHash = (secret: string, dossier: string) => sha256(`${secret}:dossier:${dossier.normalize('NFC')}`)

/**
 * Mints receipt codes for an API key: every item is checked first (agency within the key's scope, desk,
 * survey, expiry) and the codes are stored together, or none when any item is wrong.
 */
export async function mintInvitations(db: Db, catalog: SurveyCatalog, key: ApiKey, requests: InvitationRequest[], ctx: DossierContext, now: Date, fieldPrefix = '') {
  const scope = (await agencyScope(db, key.agency_id)) ?? new Set<number>()
  const resolve = resolver(db, catalog, scope, now)
  const at = (i: number) => (f: string) => `${fieldPrefix}${fieldPrefix ? `${i}.` : ''}${f}`
  const { codes, issues } = await checkDossierCodes(
    db,
    ctx,
    requests.map((r, i) => ({ dossier: r.dossier, field: at(i)('dossier') })),
  )
  const planned: Array<{
    agency: { id: number; code: string }
    desk: Desk | null
    version: SurveyVersion
    expiresAt: string
    dossier?: string
    procedure?: string
    officer?: string
    receivedAt?: string
  }> = []
  const dossiers = new Set<string>()
  for (const [i, r] of requests.entries()) {
    const found = await resolve(r, at(i))
    if ('issue' in found) {
      issues.push(found.issue)
      continue
    }
    const dossier = codes[i]
    if (dossier !== undefined) {
      if (dossiers.has(dossier))
        issues.push(issue(at(i)('dossier'), 'duplicate_dossier', 'Mã hồ sơ bị lặp trong cùng một yêu cầu', 'The same dossier code appears twice in this request'))
      dossiers.add(dossier)
    }
    planned.push({ ...found, dossier, procedure: r.procedure?.normalize('NFC'), officer: r.officer, receivedAt: r.receivedAt })
  }
  if (issues.length) throw invalid(issues)

  const secret = await serverSecret(db)
  const created = now.toISOString()
  const minted: MintedInvitation[] = []
  const rows = planned.map((p) => {
    // 18 random bytes: 144 bits, so codes cannot be guessed; only the hash is stored.
    const token = newToken('rcpt', 18)
    minted.push({ token, expiresAt: p.expiresAt, agency: p.agency.code, desk: p.desk?.code ?? null, survey: p.version.key })
    return {
      token_hash: hashToken(token),
      agency_id: p.agency.id,
      desk_id: p.desk?.id ?? null,
      survey_version_id: p.version.id,
      dossier_hash: p.dossier === undefined ? null : dossierHash(secret, p.dossier),
      procedure_code: p.procedure ?? null,
      officer_id: null as number | null,
      api_key_id: key.id,
      created_at: created,
      expires_at: p.expiresAt,
    }
  })
  await inTransaction(db, async (trx) => {
    for (const [i, r] of rows.entries()) {
      const p = planned[i]!
      if (p.officer !== undefined) r.officer_id = await ensureOfficer(trx, p.agency.id, p.officer, created)
    }
    await expireUnusedForDossiers(
      trx,
      rows.flatMap((r) => (r.dossier_hash ? [r.dossier_hash] : [])),
      created,
    )
    // A code minted for a dossier says the dossier was received (at `receivedAt` when given).
    const facts = rows.flatMap((r, i) => {
      const p = planned[i]!
      return r.dossier_hash
        ? [{ hash: r.dossier_hash, agencyId: p.agency.id, deskId: p.desk?.id, officerCode: p.officer, procedure: p.procedure, receivedAt: p.receivedAt, apiKeyId: key.id }]
        : []
    })
    await insertInvitations(trx, rows)
    if (facts.length) await applyDossierFacts(trx, facts, ctx, now)
    await invitationOfficersFromDossiers(
      trx,
      facts.map((f) => f.hash),
    )
  })
  return minted
}

type Place = { agency: { id: number; code: string }; desk: Desk | null }
type Resolved = (Place & { version: SurveyVersion; expiresAt: string }) | { issue: FieldIssue }

/** A memo for the lookups of one request (a batch repeats the same desk). */
function memo() {
  const seen = new Map<string, Promise<unknown>>()
  return <T>(k: string, f: () => Promise<T>): Promise<T> => {
    if (!seen.has(k)) seen.set(k, f())
    return seen.get(k) as Promise<T>
  }
}

/**
 * The agency and desk an item of the one-stop software names (receipt codes, dossier events): within the
 * key's scope, the desk active and unambiguous.
 */
export function placeResolver(db: Db, scope: Set<number>, once = memo()) {
  return async (r: { agency?: string; desk?: string }, at: (f: string) => string): Promise<Place | { issue: FieldIssue }> => {
    let agency: { id: number; code: string } | undefined
    if (r.agency !== undefined) {
      agency = await once(`a:${r.agency}`, () => findAgencyByCode(db, r.agency!))
      // A key's holder learns no agency codes outside its scope: foreign and unknown read the same.
      if (!agency || !scope.has(agency.id)) return { issue: unknownAgencyInScope(at('agency'), r.agency) }
    }
    let desk: Desk | null = null
    if (r.desk !== undefined) {
      const ids = agency ? [agency.id] : [...scope]
      const desks = await once(`d:${ids.join(',')}:${r.desk}`, () => findDesksByCode(db, ids, r.desk!))
      if (desks.length !== 1)
        return desks.length
          ? { issue: issue(at('desk'), 'ambiguous_desk', `Nhiều quầy có mã ${r.desk}; hãy ghi rõ mã cơ quan`, `Several desks have code ${r.desk}; give the agency code too`) }
          : { issue: issue(at('desk'), 'unknown_desk', `Không có quầy mã ${r.desk}`, `No desk with code ${r.desk}`) }
      desk = desks[0]!
      if (!desk.active) return { issue: issue(at('desk'), 'desk_inactive', 'Quầy này đã ngừng nhận đánh giá', 'This desk no longer takes ratings') }
      if (!agency) agency = await once(`i:${desk.agency_id}`, async () => (await findAgency(db, desk!.agency_id))!)
    }
    return { agency: agency!, desk }
  }
}

/** Looks up agency, desk and survey for each item, remembering lookups. */
function resolver(db: Db, catalog: SurveyCatalog, scope: Set<number>, now: Date) {
  const once = memo()
  const place = placeResolver(db, scope, once)
  return async (r: InvitationRequest, at: (f: string) => string): Promise<Resolved> => {
    const found = await place(r, at)
    if ('issue' in found) return found
    const { agency, desk } = found
    // Without a survey: the desk's questionnaire for receipt codes, else the newest mot-cua.
    const version = await once(`s:${r.survey ?? `desk:${desk?.id ?? ''}`}`, () =>
      r.survey?.includes('@') ? catalog.byKey(r.survey) : r.survey ? catalog.latest(r.survey) : surveyForDesk(db, catalog, desk?.id ?? null, 'receipt'),
    )
    if (!version || version.status !== 'published')
      return { issue: issue(at('survey'), 'unknown_survey', `Không có phiếu khảo sát ${r.survey ?? ''} đang dùng`, `No published survey ${r.survey ?? ''}`) }
    const expiresAt = r.expiresAt ? new Date(r.expiresAt) : new Date(now.getTime() + (r.expiresInDays ?? DEFAULT_EXPIRY_DAYS) * DAY_MS)
    if (expiresAt.getTime() <= now.getTime() || expiresAt.getTime() > now.getTime() + MAX_EXPIRY_DAYS * DAY_MS)
      return { issue: issue(at('expiresAt'), 'out_of_range', `Thời hạn phải trong vòng ${MAX_EXPIRY_DAYS} ngày tới`, `The expiry must be within the next ${MAX_EXPIRY_DAYS} days`) }
    return { agency, desk, version, expiresAt: expiresAt.toISOString() }
  }
}

export type ReceiptState = 'open' | 'used' | 'expired'
export function receiptState(inv: Invitation, now: Date): ReceiptState {
  if (inv.used_at !== null) return 'used'
  return inv.expires_at <= now.toISOString() ? 'expired' : 'open'
}

export function findReceipt(db: Db, token: string) {
  return findInvitationByHash(db, hashToken(token))
}

export const receiptExpired = () => new DomainError('gone', 'receipt_expired', { vi: 'Mã đánh giá trên giấy hẹn đã hết hạn', en: 'The rating code on this receipt has expired' })
