import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { agencyInScope, overallScope } from '../agencies/service.ts'
import { findAlertRow, listAlertRows, type AlertRow } from '../alerts/repository.ts'
import { acknowledgeAlert, alertDetail, alertNotFound, alertView, commentOnAlert, resolveAlert, RuleChange, setRule } from '../alerts/service.ts'
import { agencyScope, type StaffUser } from '../auth/scope.ts'
import { deskInScope } from '../desks/service.ts'
import { AlertKind, scopeKey } from '../domain/alert-rules.ts'
import { findAgency } from '../agencies/repository.ts'
import { findDeskLabel } from '../desks/repository.ts'
import { DomainError } from '../domain/errors.ts'
import type { LocalizedText } from '../domain/text.ts'
import { wholeScopeInSentence } from '../domain/whole-scope.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { inScope, requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'

const Id = z.object({ id: z.coerce.number().int().positive() })
const Text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .transform((s) => s.normalize('NFC'))
/** `whole`: what the deployment covers (the province, or the nation), as `overallScope` names it. */
const wholeOnly = (whole: LocalizedText) => {
  const w = wholeScopeInSentence(whole)
  return new DomainError('forbidden', 'forbidden', { vi: `Chỉ quản trị mới đặt quy tắc chung cho ${w.vi}`, en: `Only admins set the rules for the ${w.en}` })
}

/** A desk or agency named in a request, only when the staff member may see it. */
async function target(deps: AppDeps, staff: StaffUser, q: { agency?: string; deskId?: number }, unnamed: 'own' | 'province') {
  if (q.deskId !== undefined) {
    const desk = await deskInScope(deps.db, staff, q.deskId)
    return { agencyId: desk.agency_id, deskId: desk.id }
  }
  if (q.agency) return { agencyId: (await agencyInScope(deps.db, staff, q.agency)).id, deskId: null }
  // Unnamed: to read, the user's own agency (the whole deployment for deployment-wide accounts); to change, the whole deployment.
  return { agencyId: unnamed === 'own' ? staff.agencyId : null, deskId: null }
}

/** Where an effective rule was set, in words. */
async function sourceText(db: AppDeps['db'], source: string) {
  const [level, id] = source.split(':')
  if (level === 'agency') {
    const a = await findAgency(db, Number(id))
    return { vi: `Đặt cho ${a?.name ?? 'cơ quan'}`, en: `Set for ${a?.name ?? 'the agency'}` }
  }
  if (level === 'desk') {
    const d = await findDeskLabel(db, Number(id))
    return { vi: `Đặt cho ${d?.name ?? 'quầy'}`, en: `Set for ${d?.name ?? 'the desk'}` }
  }
  // 'province' is the stored key of the top level, whatever the deployment covers.
  if (level !== 'province') return { vi: 'Mặc định', en: 'Default' }
  const w = wholeScopeInSentence(await overallScope(db))
  return { vi: `Đặt cho ${w.vi}`, en: `Set for the ${w.en}` }
}

/** Alerts and their follow-up (mới → đã tiếp nhận → đã xử lý), and the rules that raise them; all scoped by agency. */
export function alertRoutes(deps: AppDeps) {
  const { db, clock } = deps
  const anyStaff = requireStaff(db, clock)
  const editor = requireStaff(db, clock, ['admin', 'manager'])
  const scoped = async (staff: StaffUser, id: number) => {
    const a = await findAlertRow(db, id)
    if (!a || !inScope(staff, a.agency_id)) throw alertNotFound()
    return a
  }
  /** Each change (one transaction with its audit entry, see alerts/service.ts); the open pages hear of it at once. */
  const change = async (staff: StaffUser, id: number, work: (a: AlertRow) => Promise<void>) => {
    const a = await scoped(staff, id)
    await work(a)
    deps.alerts.hub.publish({ type: 'alert-updated', agencyIds: [a.agency_id], alertId: id })
    return alertDetail(db, await scoped(staff, id))
  }

  return new Hono()
    .get(
      '/',
      anyStaff,
      validate(
        'query',
        z
          .object({
            state: z.enum(['open', 'new', 'acknowledged', 'resolved', 'all']).default('open'),
            agency: z.string().max(64).optional(),
            kind: AlertKind.optional(),
            limit: z.coerce.number().int().min(1).max(200).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
      ),
      async (c) => {
        const q = c.req.valid('query')
        const staff = c.var.staff
        const scope = q.agency ? await agencyScope(db, (await agencyInScope(db, staff, q.agency)).id) : staff.scope
        const list = await listAlertRows(db, { agencyIds: scope ? [...scope] : null, state: q.state, kind: q.kind, limit: q.limit + 1, offset: q.offset })
        return c.json({ alerts: list.slice(0, q.limit).map(alertView), more: list.length > q.limit })
      },
    )
    .get('/rules', anyStaff, validate('query', z.object({ agency: z.string().max(64).optional(), deskId: z.coerce.number().int().positive().optional() }).strict()), async (c) => {
      const t = await target(deps, c.var.staff, c.req.valid('query'), 'own')
      const here = scopeKey(t)
      const rules = await Promise.all(AlertKind.options.map((kind) => deps.alerts.ruleFor(kind, t)))
      return c.json({ scope: here, rules: await Promise.all(rules.map(async (r) => ({ ...r, setHere: r.source === here, sourceText: await sourceText(db, r.source) }))) })
    })
    .put('/rules', editor, csrf(), validate('json', RuleChange), async (c) => {
      const body = c.req.valid('json')
      const t = await target(deps, c.var.staff, body, 'province')
      if (t.agencyId === null && c.var.staff.role !== 'admin') throw wholeOnly(await overallScope(db))
      await setRule(db, body, t, c.var.staff, clock.now())
      deps.alerts.invalidateRules()
      return c.json({ rule: await deps.alerts.ruleFor(body.kind, t) })
    })
    .get('/:id', anyStaff, validate('param', Id), async (c) => c.json(await alertDetail(db, await scoped(c.var.staff, c.req.valid('param').id))))
    .post('/:id/acknowledge', editor, csrf(), validate('param', Id), validate('json', z.object({ owner: z.string().max(64).optional() }).strict()), async (c) => {
      const owner = c.req.valid('json').owner
      return c.json(await change(c.var.staff, c.req.valid('param').id, (a) => acknowledgeAlert(db, a, c.var.staff, owner, clock.now())))
    })
    .post('/:id/comments', editor, csrf(), validate('param', Id), validate('json', z.object({ body: Text(2000) }).strict()), async (c) => {
      const body = c.req.valid('json').body
      return c.json(await change(c.var.staff, c.req.valid('param').id, (a) => commentOnAlert(db, a, c.var.staff, body, clock.now())), 201)
    })
    .post('/:id/resolve', editor, csrf(), validate('param', Id), validate('json', z.object({ note: Text(2000) }).strict()), async (c) => {
      const note = c.req.valid('json').note
      return c.json(await change(c.var.staff, c.req.valid('param').id, (a) => resolveAlert(db, a, c.var.staff, note, clock.now())))
    })
}
