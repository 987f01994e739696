import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import { appendAudit } from '../audit/service.ts'
import { DomainError, invalid } from '../domain/errors.ts'
import { SurveyDefinition } from '../domain/survey-definition.ts'
import { zodIssues } from '../domain/zod-issues.ts'
import type { Clock } from '../lib/clock.ts'
import { definitionHash, type SurveyCatalog } from './catalog.ts'
import { findSurveyVersionById, insertSurveyVersion, latestVersionNumber, updateDraftContent, updateSurveyStatus } from './repository.ts'

const notFound = () => new DomainError('not_found', 'unknown_survey', { vi: 'Không có phiên bản phiếu này', en: 'No such survey version' })
const frozen = () =>
  new DomainError('conflict', 'published_version_immutable', {
    vi: 'Phiên bản đã ban hành không được sửa; hãy tạo phiên bản mới',
    en: 'A published version cannot change; create a new version',
  })

/** Validates a definition; every problem is reported with its path (e.g. `pages.0.questions.2.text.vi`). */
function parseDefinition(input: unknown, instrument: string, version: number) {
  const parsed = SurveyDefinition.safeParse({ ...(input as object), instrument, version })
  if (!parsed.success) throw invalid(zodIssues(parsed.error, 'definition'))
  return parsed.data
}

/** A new draft version of an instrument: the next version number, content given or copied from a version. */
export async function createDraft(db: Db, instrument: string, content: unknown, actor: string, clock: Clock) {
  const version = (await latestVersionNumber(db, instrument)) + 1
  const def = parseDefinition(content, instrument, version)
  const { content: text, hash } = definitionHash(def)
  const at = clock.now()
  return inTransaction(db, async (trx) => {
    const id = await insertSurveyVersion(trx, { instrument, version, content: text, hash, status: 'draft', at: at.toISOString() })
    await appendAudit(trx, { actor, action: 'survey.draft', target: `survey:${instrument}@${version}` }, at)
    return { id, key: `${instrument}@${version}` }
  })
}

/** Only drafts can be edited: answers already given were given to a published wording. */
export async function updateDraft(db: Db, id: number, content: unknown, actor: string, clock: Clock) {
  const row = await findSurveyVersionById(db, id)
  if (!row) throw notFound()
  if (row.status !== 'draft') throw frozen()
  const def = parseDefinition(content, row.instrument, row.version)
  const { content: text, hash } = definitionHash(def)
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    // The status is checked again in the statement, so a concurrent publish cannot be overwritten.
    if (!(await updateDraftContent(trx, id, { content: text, hash }))) throw frozen()
    await appendAudit(trx, { actor, action: 'survey.edit', target: `survey:${row.instrument}@${row.version}` }, at)
  })
}

export async function setSurveyStatus(db: Db, catalog: SurveyCatalog, id: number, to: 'published' | 'retired', actor: string, clock: Clock) {
  const row = await findSurveyVersionById(db, id)
  if (!row) throw notFound()
  const allowed = to === 'published' ? row.status === 'draft' : row.status === 'published'
  if (!allowed)
    throw new DomainError('conflict', 'invalid_transition', {
      vi: `Không thể chuyển từ ${row.status} sang ${to} (nháp → ban hành → ngừng dùng)`,
      en: `Cannot go from ${row.status} to ${to} (draft → published → retired)`,
    })
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    await updateSurveyStatus(trx, id, row.status, to, at.toISOString())
    await appendAudit(trx, { actor, action: to === 'published' ? 'survey.publish' : 'survey.retire', target: `survey:${row.instrument}@${row.version}` }, at)
  })
  catalog.forget(id)
}
