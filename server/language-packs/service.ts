import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Db } from '../db/types.ts'
import { deskNotFound, invalid, issue } from '../domain/errors.ts'
import { completenessOf, LanguagePack, localizeDefinition, type Completeness } from '../domain/language-pack.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'
import { nfc } from '../domain/text.ts'
import type { SurveyCatalog } from '../surveys/catalog.ts'
import { listSurveyVersions } from '../surveys/repository.ts'
import { findDesk } from '../desks/repository.ts'
import { findPackRow, listPackRows, setDeskLanguage, upsertPack, deskLanguage } from './repository.ts'

function nfcDeep(value: unknown): unknown {
  if (typeof value === 'string') return nfc(value)
  if (Array.isArray(value)) return value.map(nfcDeep)
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [nfc(k), nfcDeep(v)]))
  return value
}

/** Stores a pack (validated at the edge by LanguagePack), text in NFC, replacing one of the same code, replacing one of the same code; audited. */
export async function savePack(db: Db, input: LanguagePack, actor: string, now: Date): Promise<LanguagePack> {
  const pack = nfcDeep(input) as LanguagePack
  await inTransaction(db, async (trx) => {
    const before = await findPackRow(trx, pack.code)
    await upsertPack(trx, pack.code, JSON.stringify(pack), now.toISOString())
    await appendAudit(trx, { actor, action: before ? 'language_pack.update' : 'language_pack.create', target: `language:${pack.code}`, details: { name: pack.nameVi } }, now)
  })
  return pack
}

export async function listPacks(db: Db): Promise<LanguagePack[]> {
  return (await listPackRows(db)).map((r) => LanguagePack.parse(JSON.parse(r.body)))
}

/** Survey versions a citizen can be shown: the published ones. */
async function publishedSurveys(db: Db, catalog: SurveyCatalog) {
  const out: Array<{ key: string; definition: SurveyDefinition }> = []
  for (const row of await listSurveyVersions(db)) {
    if (row.status !== 'published') continue
    const v = await catalog.get(row.id, db)
    if (v) out.push(v)
  }
  return out
}

/** Per pack, the interface strings and survey texts it lacks (Vietnamese shows in their place). */
export async function completenessReport(db: Db, catalog: SurveyCatalog): Promise<Completeness[]> {
  const surveys = await publishedSurveys(db, catalog)
  return (await listPacks(db)).map((p) => completenessOf(p, surveys))
}

/** The language a desk's kiosks and link show first; null goes back to Vietnamese. Audited. */
export async function chooseDeskLanguage(db: Db, deskId: number, code: string | null, actor: string, now: Date) {
  const desk = await findDesk(db, deskId)
  if (!desk) throw deskNotFound()
  if (code && !(await findPackRow(db, code)))
    throw invalid([issue('language', 'unknown_language', `Chưa có gói ngôn ngữ ${code}; hãy tải tệp lên trước`, `No language pack ${code}; upload it first`)])
  await inTransaction(db, async (trx) => {
    await setDeskLanguage(trx, deskId, code)
    await appendAudit(trx, { actor, action: 'desk.language', target: `desk:${deskId}`, details: { language: code } }, now)
  })
}

/**
 * What a citizen page at this desk needs of its pack: the interface strings, and the survey with the pack's
 * texts beside vi and en. Without a pack (or a pack since removed) the page is Vietnamese, as before.
 */
export async function citizenLanguage(db: Db, deskId: number | null, definition: SurveyDefinition, surveyKey: string) {
  const code = deskId === null ? null : await deskLanguage(db, deskId)
  const row = code ? await findPackRow(db, code) : undefined
  if (!row) return { definition, language: null }
  const pack = LanguagePack.parse(JSON.parse(row.body))
  return {
    definition: localizeDefinition(definition, pack.code, pack.surveys[surveyKey] ?? {}),
    language: { code: pack.code, name: pack.name, ui: pack.ui },
  }
}
