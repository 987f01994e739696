import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findAgencyByCode } from '../agencies/repository.ts'
import { listUsers } from '../auth/repository.ts'
import { createUser, setUserActive } from '../auth/service.ts'
import { auditFacets, listAuditEntries } from '../audit/repository.ts'
import { verifyAuditChain } from '../audit/service.ts'
import { forbidden, invalid, unknownAgencyIssue } from '../domain/errors.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { unknownAgencyInScope, staffActor } from '../auth/scope.ts'
import { inScope, requireStaff, type StaffUser } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { Role } from '../domain/vocabulary-schemas.ts'
import type { Role as RoleName } from '../domain/vocabulary.ts'

/**
 * A manager may give accounts only inside their own scope and never above their own role; an admin may
 * do anything. Returns the agency id the new or edited account is bound to.
 */
async function checkGrant(deps: AppDeps, staff: StaffUser, role: RoleName, agencyCode: string | null) {
  const agency = agencyCode ? await findAgencyByCode(deps.db, agencyCode) : null
  if (staff.role === 'admin') {
    if (agencyCode && !agency) throw invalid([unknownAgencyIssue('agency', agencyCode)])
    return agency?.id ?? null
  }
  if (role === 'admin' || !agencyCode) throw forbidden()
  if (!agency || !inScope(staff, agency.id)) throw invalid([unknownAgencyInScope('agency', agencyCode)])
  return agency.id
}

/** Staff accounts and the audit log. */
export function adminUserRoutes(deps: AppDeps) {
  const editors = requireStaff(deps.db, deps.clock, ['admin', 'manager'])
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  return new Hono()
    .get('/users', editors, async (c) => {
      const rows = await listUsers(deps.db)
      const visible = rows.filter((u) => c.var.staff.role === 'admin' || (u.agencyId !== null && inScope(c.var.staff, u.agencyId)))
      return c.json({ users: visible.map(({ agencyId: _, ...u }) => u) })
    })
    .post(
      '/users',
      editors,
      csrf(),
      validate(
        'json',
        z
          .object({
            username: z.string().min(3).max(64),
            displayName: z.string().max(100).optional(),
            password: z.string().min(1).max(200),
            role: Role,
            agency: z.string().max(64).nullable().default(null),
          })
          .strict(),
      ),
      async (c) => {
        const body = c.req.valid('json')
        const agencyId = await checkGrant(deps, c.var.staff, body.role, body.agency)
        await createUser(
          deps.db,
          { username: body.username, displayName: body.displayName, password: body.password, role: body.role, agencyId, actor: staffActor(c.var.staff) },
          deps.clock.now(),
        )
        return c.json({ username: body.username.toLowerCase() }, 201)
      },
    )
    .patch('/users/:username', editors, csrf(), validate('json', z.object({ active: z.boolean() }).strict()), async (c) => {
      await setUserActive(deps.db, c.var.staff, c.req.param('username'), c.req.valid('json').active, deps.clock.now())
      return c.json({ ok: true })
    })
    .get(
      '/audit',
      admin,
      validate(
        'query',
        z
          .object({
            limit: z.coerce.number().int().min(1).max(500).default(100),
            offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
            before: z.coerce.number().int().positive().optional(),
            actor: z.string().max(200).optional(),
            action: z
              .string()
              .regex(/^[a-z_.]{1,64}$/)
              .optional(),
            agency: z
              .string()
              .regex(/^[A-Za-z0-9_-]{1,64}$/)
              .optional(),
            from: z.iso.datetime({ offset: true }).optional(),
            to: z.iso.datetime({ offset: true }).optional(),
          })
          .strict(),
      ),
      async (c) => {
        const q = c.req.valid('query')
        const iso = (t?: string) => (t ? new Date(t).toISOString() : undefined)
        const [page, chain, facets] = await Promise.all([listAuditEntries(deps.db, { ...q, from: iso(q.from), to: iso(q.to) }), verifyAuditChain(deps.db), auditFacets(deps.db)])
        return c.json({ chain, total: page.total, entries: page.entries, facets })
      },
    )
}
