import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { EXCLUSION_REASONS } from '../domain/vocabulary.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { decideOnExclusion, hideCommentText, moderationQueue, proposeExclusion, reviewFlagged, withdrawExclusion } from '../moderation/service.ts'

const Id = z.object({ id: z.coerce.number().int().positive() })
const Reason = z.enum(EXCLUSION_REASONS)
/** Every change to what counts carries a reason a person wrote. */
const Note = z.string().trim().min(3, 'Ghi lý do (ít nhất 3 ký tự) / give a reason (3 characters or more)').max(500)

/**
 * Moderation with separation of duties: hiding a comment's text (the rating still counts) and taking a
 * rating out of the index, which one person proposes and an independent admin approves.
 */
export function moderationRoutes(deps: AppDeps) {
  const editors = requireStaff(deps.db, deps.clock, ['admin', 'manager'])
  const admins = requireStaff(deps.db, deps.clock, ['admin'])
  const now = () => deps.clock.now()
  return new Hono()
    .get('/queue', editors, async (c) => c.json(await moderationQueue(deps.db, c.var.staff)))
    .post('/responses/:id/text', editors, csrf(), validate('param', Id), validate('json', z.object({ hidden: z.boolean(), reason: Note }).strict()), async (c) =>
      c.json(await hideCommentText(deps.db, c.var.staff, { responseId: c.req.valid('param').id, ...c.req.valid('json') }, now())),
    )
    .post('/exclusions', editors, csrf(), validate('json', z.object({ responseId: z.number().int().positive(), reason: Reason, note: Note }).strict()), async (c) =>
      c.json(await proposeExclusion(deps.db, c.var.staff, c.req.valid('json'), now()), 201),
    )
    .post('/exclusions/:id/approve', admins, csrf(), validate('param', Id), validate('json', z.object({ note: Note.optional() }).strict()), async (c) =>
      c.json(await decideOnExclusion(deps.db, deps.catalog, c.var.staff, { id: c.req.valid('param').id, decision: 'approve', note: c.req.valid('json').note ?? null }, now())),
    )
    .post('/exclusions/:id/reject', admins, csrf(), validate('param', Id), validate('json', z.object({ note: Note }).strict()), async (c) =>
      c.json(await decideOnExclusion(deps.db, deps.catalog, c.var.staff, { id: c.req.valid('param').id, decision: 'reject', note: c.req.valid('json').note }, now())),
    )
    .post('/exclusions/:id/withdraw', editors, csrf(), validate('param', Id), async (c) => c.json(await withdrawExclusion(deps.db, c.var.staff, c.req.valid('param').id, now())))
    .post(
      '/flagged/:id',
      admins,
      csrf(),
      validate('param', Id),
      validate('json', z.object({ decision: z.enum(['count', 'exclude']), reason: Reason.optional(), note: Note }).strict()),
      async (c) => c.json(await reviewFlagged(deps.db, deps.catalog, c.var.staff, { responseId: c.req.valid('param').id, ...c.req.valid('json') }, now())),
    )
}
