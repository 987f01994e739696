import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findAgencyByCode } from '../agencies/repository.ts'
import { findUserByName, deleteUserSessions } from '../auth/repository.ts'
import { createUser } from '../auth/service.ts'
import { appendAudit, verifyAuditChain } from '../audit/service.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { inScope, requireStaff, type StaffUser } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'

const Role = z.enum(['admin', 'manager', 'viewer'])
const hidden = () => new DomainError('not_found', 'not_found', { vi: 'Không tìm thấy hoặc ngoài phạm vi được quản lý', en: 'Not found, or outside what you manage' })
const forbidden = () => new DomainError('forbidden', 'forbidden', { vi: 'Tài khoản không có quyền này', en: 'Your account may not do this' })

/**
 * A manager may give accounts only inside their own scope and never above their own role; an admin may
 * do anything. Returns the agency id the new or edited account is bound to.
 */
async function checkGrant(deps: AppDeps, staff: StaffUser, role: 'admin' | 'manager' | 'viewer', agencyCode: string | null) {
  const agency = agencyCode ? await findAgencyByCode(deps.db, agencyCode) : null
  if (agencyCode && !agency) throw invalid([issue('agency', 'unknown_agency', `Không có cơ quan mã ${agencyCode}`, `No agency with code ${agencyCode}`)])
  if (staff.role === 'admin') return agency?.id ?? null
  if (role === 'admin' || !agency || !inScope(staff, agency.id)) throw forbidden()
  return agency.id
}

/** Staff accounts and the audit log. */
export function adminUserRoutes(deps: AppDeps) {
  const editors = requireStaff(deps.db, deps.clock, ['admin', 'manager'])
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  return new Hono()
    .get('/users', editors, async (c) => {
      const rows = await deps.db
        .selectFrom('users')
        .leftJoin('agencies', 'agencies.id', 'users.agency_id')
        .select(['users.username', 'users.display_name', 'users.role', 'users.active', 'users.agency_id', 'agencies.code as agency', 'users.created_at'])
        .orderBy('users.username')
        .execute()
      const visible = rows.filter((u) => c.var.staff.role === 'admin' || (u.agency_id !== null && inScope(c.var.staff, u.agency_id)))
      return c.json({ users: visible.map(({ agency_id: _, ...u }) => ({ ...u, active: u.active === 1 })) })
    })
    .post(
      '/users',
      editors,
      csrf(),
      validate('json', z.object({ username: z.string().min(3).max(64), displayName: z.string().max(100).optional(), password: z.string().min(1).max(200), role: Role, agency: z.string().max(64).nullable().default(null) }).strict()),
      async (c) => {
        const body = c.req.valid('json')
        const agencyId = await checkGrant(deps, c.var.staff, body.role, body.agency)
        await createUser(deps.db, { username: body.username, displayName: body.displayName, password: body.password, role: body.role, agencyId, actor: `user:${c.var.staff.username}` }, deps.clock.now())
        return c.json({ username: body.username.toLowerCase() }, 201)
      },
    )
    .patch('/users/:username', editors, csrf(), validate('json', z.object({ active: z.boolean() }).strict()), async (c) => {
      const user = await findUserByName(deps.db, c.req.param('username'))
      if (!user || (c.var.staff.role !== 'admin' && (user.agency_id === null || !inScope(c.var.staff, user.agency_id)))) throw hidden()
      if (c.var.staff.role !== 'admin' && user.role === 'admin') throw forbidden()
      const { active } = c.req.valid('json')
      await deps.db.transaction().execute(async (trx) => {
        await trx.updateTable('users').set({ active: Number(active) }).where('id', '=', user.id).execute()
        // A deactivated account loses its sessions at once.
        if (!active) await deleteUserSessions(trx, user.id)
        await appendAudit(trx, { actor: `user:${c.var.staff.username}`, action: active ? 'user.activate' : 'user.deactivate', target: `user:${user.username}` }, deps.clock.now())
      })
      return c.json({ ok: true })
    })
    .get('/audit', admin, validate('query', z.object({ limit: z.coerce.number().int().min(1).max(500).default(100), before: z.coerce.number().int().positive().optional() }).strict()), async (c) => {
      const q = c.req.valid('query')
      let query = deps.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(q.limit)
      if (q.before) query = query.where('id', '<', q.before)
      const [entries, chain] = await Promise.all([query.execute(), verifyAuditChain(deps.db)])
      return c.json({ chain, entries: entries.map((e) => ({ ...e, details: e.details ? JSON.parse(e.details) : null })) })
    })
}
