import { appendAudit } from '../audit/service.ts'
import type { SurveyVersionRow } from '../db/schema.ts'
import { inTransaction } from '../db/transaction.ts'
import type { Db } from '../db/types.ts'
import { checkDefinition, problemIssues, type DefinitionProblem } from '../domain/definition-problems.ts'
import { DomainError, invalid, issue, unknownSurvey } from '../domain/errors.ts'
import { SurveyDefinition } from '../domain/survey-definition.ts'
import { comparabilityBreaks, diffDefinitions, type DefinitionChange } from '../domain/survey-diff.ts'
import { canonicalJson, sha256 } from '../lib/canonical-json.ts'
import type { Clock } from '../lib/clock.ts'
import { definitionHash, type SurveyCatalog } from './catalog.ts'
import { findSurveyVersionById, insertSurveyVersion, latestVersionNumber, publishDraft, updateDraftContent, updateSurveyStatus } from './repository.ts'

const notFound = () => unknownSurvey({ vi: 'Không có phiên bản phiếu này', en: 'No such survey version' })
const frozen = () =>
  new DomainError('conflict', 'published_version_immutable', {
    vi: 'Phiên bản đã ban hành không được sửa; hãy tạo phiên bản mới',
    en: 'A published version cannot change; create a new version',
  })
const badTransition = (from: string, to: string) =>
  new DomainError('conflict', 'invalid_transition', {
    vi: `Không thể chuyển từ ${from} sang ${to} (nháp → ban hành → ngừng dùng)`,
    en: `Cannot go from ${from} to ${to} (draft → published → retired)`,
  })

/**
 * A draft is work in progress: it is kept as written, problems and all, so a questionnaire can be built
 * over several sittings; the full check of the schema is the gate to publishing. Its instrument and version
 * always come from the row, never from the content.
 */
function draftContent(input: Record<string, unknown>, instrument: string, version: number) {
  // Text in NFC whatever the keyboard produced (normalising JSON text leaves its syntax as it is).
  const content = canonicalJson({ ...input, instrument, version }).normalize('NFC')
  return { content, hash: sha256(content), problems: problemsOf(content) }
}

function problemsOf(content: string): DefinitionProblem[] {
  const check = checkDefinition(JSON.parse(content))
  return check.ok ? [] : check.problems
}

/** A published (or retired) version's definition; those were checked when they were published. */
const definitionOf = (row: SurveyVersionRow) => SurveyDefinition.parse(JSON.parse(row.content))

/** A new draft version of an instrument: the next version number, content given or copied from a version. */
export async function createDraft(db: Db, instrument: string, input: Record<string, unknown>, basedOnId: number | null, actor: string, clock: Clock) {
  const at = clock.now()
  return inTransaction(db, async (trx) => {
    if (basedOnId !== null) {
      const base = await findSurveyVersionById(trx, basedOnId)
      if (!base || base.instrument !== instrument || base.status === 'draft')
        throw invalid([
          issue(
            'basedOn',
            'unknown_survey',
            `Không có phiên bản đã ban hành ${basedOnId} của phiếu ${instrument} để sao chép`,
            `No published version ${basedOnId} of ${instrument} to copy from`,
          ),
        ])
    }
    const version = (await latestVersionNumber(trx, instrument)) + 1
    const { content, hash, problems } = draftContent(input, instrument, version)
    const id = await insertSurveyVersion(trx, { instrument, version, content, hash, status: 'draft', at: at.toISOString(), basedOnId })
    await appendAudit(trx, { actor, action: 'survey.draft', target: `survey:${instrument}@${version}`, details: basedOnId ? { basedOn: basedOnId } : null }, at)
    return { id, key: `${instrument}@${version}`, problems }
  })
}

/** Only drafts can be edited: answers already given were given to a published wording. */
export async function updateDraft(db: Db, id: number, input: Record<string, unknown>, actor: string, clock: Clock) {
  const row = await findSurveyVersionById(db, id)
  if (!row) throw notFound()
  if (row.status !== 'draft') throw frozen()
  const { content, hash, problems } = draftContent(input, row.instrument, row.version)
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    if (!(await updateDraftContent(trx, id, { content, hash }))) throw frozen()
    await appendAudit(trx, { actor, action: 'survey.edit', target: `survey:${row.instrument}@${row.version}` }, at)
  })
  return { problems }
}

export interface DraftReview {
  problems: DefinitionProblem[]
  basedOn: string | null
  changes: DefinitionChange[]
}

/** What publishing a draft would do: its problems (publish refused) and what changed against its source. */
export async function reviewDraft(db: Db, row: SurveyVersionRow): Promise<DraftReview> {
  const check = checkDefinition(JSON.parse(row.content))
  const base = row.based_on_id ? await findSurveyVersionById(db, row.based_on_id) : undefined
  return {
    problems: check.ok ? [] : check.problems,
    basedOn: base ? `${base.instrument}@${base.version}` : null,
    changes: check.ok && base ? diffDefinitions(definitionOf(base), check.definition) : [],
  }
}

/**
 * Publishes a draft: refused with every problem while the schema finds any; a change that breaks
 * comparability with earlier quarters (e.g. a criterion of the index removed) needs a reason, which the
 * audit entry keeps beside the person and the list of such changes.
 */
export async function publishSurvey(db: Db, catalog: SurveyCatalog, id: number, reason: string | undefined, actor: string, clock: Clock) {
  const row = await findSurveyVersionById(db, id)
  if (!row) throw notFound()
  if (row.status !== 'draft') throw badTransition(row.status, 'published')
  const check = checkDefinition(JSON.parse(row.content))
  if (!check.ok)
    throw invalid(problemIssues(check.problems), {
      vi: `Chưa ban hành được: phiếu còn ${check.problems.length} chỗ cần sửa`,
      en: `Not published: ${check.problems.length} problem(s) to fix first`,
    })
  const base = row.based_on_id ? await findSurveyVersionById(db, row.based_on_id) : undefined
  const changes = base ? diffDefinitions(definitionOf(base), check.definition) : []
  const breaks = comparabilityBreaks(changes)
  if (breaks.length && !reason?.trim())
    throw invalid(
      [
        issue(
          'reason',
          'reason_required',
          'Thay đổi này làm chỉ số không so sánh được với các quý trước: hãy ghi lý do',
          'This change makes the index incomparable with earlier quarters: give a reason',
        ),
      ],
      {
        vi: 'Cần ghi lý do trước khi ban hành',
        en: 'A reason is needed before publishing',
      },
    )
  const { content, hash } = definitionHash(check.definition)
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    if (!(await publishDraft(trx, id, { content, hash }, at.toISOString()))) throw badTransition('published', 'published')
    await appendAudit(
      trx,
      {
        actor,
        action: 'survey.publish',
        target: `survey:${row.instrument}@${row.version}`,
        details: base
          ? { basedOn: `${base.instrument}@${base.version}`, changes: changes.length, breaks: breaks.map((c) => c.text.vi), ...(reason?.trim() ? { reason: reason.trim() } : {}) }
          : null,
      },
      at,
    )
  })
  catalog.forget(id)
}

export async function retireSurvey(db: Db, catalog: SurveyCatalog, id: number, actor: string, clock: Clock) {
  const row = await findSurveyVersionById(db, id)
  if (!row) throw notFound()
  if (row.status !== 'published') throw badTransition(row.status, 'retired')
  const at = clock.now()
  await inTransaction(db, async (trx) => {
    await updateSurveyStatus(trx, id, 'published', 'retired', at.toISOString())
    await appendAudit(trx, { actor, action: 'survey.retire', target: `survey:${row.instrument}@${row.version}` }, at)
  })
  catalog.forget(id)
}
