import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { AGENCY_IMPORT_LIMITS, importAgencies } from '../agencies/import.ts'
import { listAgencies } from '../agencies/repository.ts'
import { agenciesCsv, agencyInScope as scopedAgency, createAgency, editAgency, mergeAgency, setAgencyActive } from '../agencies/service.ts'
import { audit } from '../audit/service.ts'
import { listDeskSurveys, listDesksByCode } from '../desks/repository.ts'
import { assignSurvey, createDesk, deskInScope, editDesk } from '../desks/service.ts'
import { invalid, issue } from '../domain/errors.ts'
import { DeskHours } from '../kiosks/opening-hours.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { inScope, requireStaff, type StaffUser } from '../middleware/session/index.ts'
import { receiveFile } from '../middleware/upload/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { AgencyCode, AgencyKind, DeskCode, SurveyKey } from '../domain/vocabulary-schemas.ts'
import type { AssignableChannel } from '../domain/vocabulary.ts'
import { staffActor } from '../auth/scope.ts'

const Kind = AgencyKind
const Code = AgencyCode
const Name = z.string().trim().min(1).max(200)
const AgencyBody = z.object({ code: Code, name: Name, parent: Code.nullable().default(null), kind: Kind }).strict()

/** Agencies and desks: admins run the deployment's tree; managers look after the desks in their scope. */
export function adminAgencyRoutes(deps: AppDeps) {
  const staff = requireStaff(deps.db, deps.clock)
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  const editor = requireStaff(deps.db, deps.clock, ['admin', 'manager'])
  // Deployment-wide staff learn that a code does not exist; others cannot tell it from "not yours".
  const agencyInScope = (s: StaffUser, code: string) => scopedAgency(deps.db, s, code, { field: 'agency' })
  return new Hono()
    .get('/agencies', staff, async (c) => {
      const all = await listAgencies(deps.db)
      const codes = new Map(all.map((a) => [a.id, a.code]))
      const desks = await listDesksByCode(deps.db)
      const surveys = new Map<number, Record<string, string>>()
      for (const r of await listDeskSurveys(deps.db)) (surveys.get(r.desk_id) ?? surveys.set(r.desk_id, {}).get(r.desk_id)!)[r.channel] = `${r.instrument}@${r.version}`
      return c.json({
        agencies: all
          .filter((a) => inScope(c.var.staff, a.id))
          .map((a) => ({
            code: a.code,
            name: a.name,
            kind: a.kind,
            parent: a.parent_id ? (codes.get(a.parent_id) ?? null) : null,
            active: a.active === 1,
            mergedInto: a.merged_into_id ? (codes.get(a.merged_into_id) ?? null) : null,
            desks: desks
              .filter((d) => d.agency_id === a.id)
              .map((d) => ({
                id: d.id,
                code: d.code,
                name: d.name,
                active: d.active === 1,
                link: `/d/${d.public_token}`,
                surveys: surveys.get(d.id) ?? {},
                openingHours: d.opening_hours ? (JSON.parse(d.opening_hours) as unknown) : null,
                language: d.language,
              })),
          })),
      })
    })
    .get('/agencies/export.csv', admin, async (c) => {
      await audit(deps.db, { actor: staffActor(c.var.staff), action: 'agencies.export' }, deps.clock.now())
      c.header('Content-Disposition', 'attachment; filename="hailong-agencies.csv"')
      return c.body(await agenciesCsv(deps.db), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
    })
    .post('/agencies/import', admin, csrf(), async (c) => {
      const file = await receiveFile(c, { maxBytes: AGENCY_IMPORT_LIMITS.maxBytes, accept: /\.(csv|xlsx)$/i, choose: { vi: 'Chọn tệp CSV', en: 'Choose a CSV file' } })
      return c.json(await importAgencies(deps.db, { path: file.path, name: file.name }, deps.clock, staffActor(c.var.staff), AGENCY_IMPORT_LIMITS).finally(file.discard))
    })
    .post('/agencies', admin, csrf(), validate('json', AgencyBody), async (c) => {
      const body = c.req.valid('json')
      await createAgency(deps.db, body, staffActor(c.var.staff), deps.clock)
      return c.json({ code: body.code }, 201)
    })
    .patch('/agencies/:code', admin, csrf(), validate('json', AgencyBody.omit({ code: true })), async (c) => {
      await editAgency(deps.db, c.req.param('code'), c.req.valid('json'), staffActor(c.var.staff), deps.clock)
      return c.json({ ok: true })
    })
    .post('/agencies/:code/active', admin, csrf(), validate('json', z.object({ active: z.boolean() }).strict()), async (c) => {
      await setAgencyActive(deps.db, c.req.param('code'), c.req.valid('json').active, staffActor(c.var.staff), deps.clock)
      return c.json({ ok: true })
    })
    .post('/agencies/:code/merge', admin, csrf(), validate('json', z.object({ into: Code }).strict()), async (c) => {
      await mergeAgency(deps.db, c.req.param('code'), c.req.valid('json').into, staffActor(c.var.staff), deps.clock)
      return c.json({ ok: true })
    })
    .post('/desks', editor, csrf(), validate('json', z.object({ agency: Code, code: DeskCode, name: Name }).strict()), async (c) => {
      const body = c.req.valid('json')
      await agencyInScope(c.var.staff, body.agency)
      const id = await createDesk(deps.db, body, staffActor(c.var.staff), deps.clock)
      return c.json({ id }, 201)
    })
    .patch(
      '/desks/:id{[0-9]+}',
      editor,
      csrf(),
      validate('json', z.object({ name: Name.optional(), agency: Code.optional(), active: z.boolean().optional(), openingHours: DeskHours.nullable().optional() }).strict()),
      async (c) => {
        const body = c.req.valid('json')
        await deskInScope(deps.db, c.var.staff, Number(c.req.param('id')))
        if (body.agency) await agencyInScope(c.var.staff, body.agency)
        await editDesk(deps.db, Number(c.req.param('id')), body, staffActor(c.var.staff), deps.clock)
        return c.json({ ok: true })
      },
    )
    .put(
      '/desks/:id{[0-9]+}/surveys',
      editor,
      csrf(),
      validate('json', z.object({ kiosk: SurveyKey.nullable().optional(), qr: SurveyKey.nullable().optional(), receipt: SurveyKey.nullable().optional() }).strict()),
      async (c) => {
        const desk = await deskInScope(deps.db, c.var.staff, Number(c.req.param('id')))
        for (const [channel, key] of Object.entries(c.req.valid('json')) as Array<[AssignableChannel, string | null | undefined]>) {
          if (key === undefined) continue
          const version = key ? await deps.catalog.byKey(key) : null
          if (key && !version) throw invalid([issue(channel, 'unknown_survey', `Không có phiếu ${key}`, `No survey ${key}`)])
          await assignSurvey(deps.db, deps.catalog, desk.id, channel, version ?? null, staffActor(c.var.staff), deps.clock)
        }
        return c.json({ ok: true })
      },
    )
}
