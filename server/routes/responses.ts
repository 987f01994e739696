import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { DomainError, type FieldIssue } from '../domain/errors.ts'
import { BatchInput, SubmissionInput, type SubmissionStatus } from '../domain/submission.ts'
import { zodIssues } from '../domain/zod-issues.ts'
import { textIssues, validate } from '../middleware/validate/index.ts'
import { BODY_LIMITS, limitBody } from '../middleware/body-limit/index.ts'
import { errorResponse } from '../middleware/errors/index.ts'
import { submitter, type SubmitterResolver } from '../middleware/submitter/index.ts'
import type { GroupOutcome } from '../responses/group-commit.ts'
import { conflictError, prepareResponse, type Draft, type PreparedResponse, type Submitter } from '../responses/service.ts'

const ValidateOnly = z.object({ validateOnly: z.enum(['0', '1']).optional() }).strict()

function draftOf(input: SubmissionInput): Draft {
  return {
    submissionId: input.submissionId,
    survey: input.survey,
    answers: input.answers,
    givenAt: input.givenAt ? new Date(input.givenAt) : undefined,
    procedure: input.procedure,
    honeypot: input.website,
  }
}

type ItemResult = { index: number; submissionId: string | null; status: SubmissionStatus; error?: { code: string; details?: FieldIssue[]; message: DomainError['text'] } }

function itemResult(index: number, o: GroupOutcome): ItemResult {
  if (o.status === 'conflict')
    return { index, submissionId: o.submissionId, status: 'conflict', error: { code: 'submission_conflict', message: conflictError(o.submissionId).text } }
  if (o.status === 'failed') {
    const e = o.error instanceof DomainError ? o.error : null
    return {
      index,
      submissionId: o.submissionId,
      status: e?.kind === 'conflict' ? 'conflict' : 'invalid',
      error: { code: e?.code ?? 'internal_error', message: e?.text ?? { vi: 'Lỗi máy chủ', en: 'Server error' }, details: e?.details },
    }
  }
  return { index, submissionId: o.submissionId, status: o.status }
}

/** Intake: one response, or a batch of up to 500 from a kiosk draining its offline queue. */
export function responseRoutes(deps: AppDeps, resolvers: Record<string, SubmitterResolver>) {
  // Concurrent requests share one transaction (group commit); each is answered after its commit.
  const store = (prepared: PreparedResponse[]) => deps.intake.store(prepared)
  /** A valid response counts against its credential's limits (a refused request writes nothing). */
  const counted = async (submitter: Submitter, prepared: PreparedResponse) => {
    const suspect = (await submitter.countUse?.()) ?? null
    if (suspect && !prepared.flagReason) prepared.flagReason = suspect
    return prepared
  }

  return new Hono()
    .use(submitter(resolvers))
    .post('/', limitBody(BODY_LIMITS.response), validate('query', ValidateOnly), validate('json', SubmissionInput), async (c) => {
      const prepared = await prepareResponse(deps.catalog, deps.clock.now(), c.var.submitter, draftOf(c.req.valid('json')))
      // `?validateOnly=1` checks a submission exactly as for storing, and stores nothing (integration tests, benchmarks).
      if (c.req.valid('query').validateOnly === '1') return c.json({ submissionId: prepared.submissionId, status: 'valid' })
      const [outcome] = await store([await counted(c.var.submitter, prepared)])
      if (outcome!.status === 'failed') throw outcome!.error
      if (outcome!.status === 'conflict') return errorResponse(c, conflictError(outcome!.submissionId))
      return c.json({ submissionId: outcome!.submissionId, status: outcome!.status }, outcome!.status === 'created' ? 201 : 200)
    })
    .post('/batch', limitBody(BODY_LIMITS.responseBatch), validate('json', BatchInput, { text: 'per-item' }), async (c) => {
      const results: ItemResult[] = []
      const ready: Array<{ index: number; prepared: PreparedResponse }> = []
      const now = deps.clock.now()
      for (const [index, item] of c.req.valid('json').items.entries()) {
        const parsed = SubmissionInput.safeParse(item)
        const id = typeof (item as { submissionId?: unknown })?.submissionId === 'string' ? (item as { submissionId: string }).submissionId : null
        const bad = textIssues(item)
        if (!parsed.success || bad.length) {
          const details = bad.length ? bad : zodIssues(parsed.error!)
          results[index] = {
            index,
            submissionId: id,
            status: 'invalid',
            error: { code: 'validation_failed', message: { vi: 'Dữ liệu không hợp lệ', en: 'The data is not valid' }, details },
          }
          continue
        }
        try {
          ready.push({ index, prepared: await counted(c.var.submitter, await prepareResponse(deps.catalog, now, c.var.submitter, draftOf(parsed.data))) })
        } catch (e) {
          if (!(e instanceof DomainError)) throw e
          results[index] = { index, submissionId: id, status: 'invalid', error: { code: e.code, message: e.text, details: e.details } }
        }
      }
      const outcomes = await store(ready.map((r) => r.prepared))
      let broken: unknown = null
      outcomes.forEach((o, i) => {
        const index = ready[i]!.index
        results[index] = itemResult(index, o)
        if (o.status === 'failed' && !(o.error instanceof DomainError)) broken = o.error
      })
      // The batch's other items are stored; a 5xx makes the tablet send it again, and those come back
      // as duplicates while the one that failed is tried anew (a tablet sets aside what is refused).
      if (broken) throw broken
      const count = (s: SubmissionStatus) => results.filter((r) => r.status === s).length
      return c.json({ created: count('created'), duplicate: count('duplicate'), conflict: count('conflict'), invalid: count('invalid'), results })
    })
}
