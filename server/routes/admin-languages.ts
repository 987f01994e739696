import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { LanguagePack, PackCode } from '../domain/language-pack.ts'
import { chooseDeskLanguage, completenessReport, savePack } from '../language-packs/service.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { staffActor } from '../auth/scope.ts'

/** A province's languages for citizens (issue 21): packs uploaded as JSON, their completeness, the language of each desk. */
export function adminLanguageRoutes(deps: AppDeps) {
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  return new Hono()
    .use(admin)
    .get('/', async (c) => c.json({ packs: await completenessReport(deps.db, deps.catalog) }))
    .put('/', csrf(), validate('json', LanguagePack), async (c) => {
      const pack = await savePack(deps.db, c.req.valid('json'), staffActor(c.var.staff), deps.clock.now())
      return c.json({ code: pack.code })
    })
    .put('/desks/:id{[0-9]+}', csrf(), validate('json', z.object({ language: PackCode.nullable() }).strict()), async (c) => {
      await chooseDeskLanguage(deps.db, Number(c.req.param('id')), c.req.valid('json').language, staffActor(c.var.staff), deps.clock.now())
      return c.json({ ok: true })
    })
}
