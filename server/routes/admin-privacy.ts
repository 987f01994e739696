import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { dossierContext } from './invitations.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { applyCommentRetention, eraseDossierResponses, findDossierResponses, PrivacySettings, privacySettings, setPrivacySettings } from '../privacy/service.ts'
import { staffActor } from '../auth/scope.ts'

// The dossier code travels in a POST body, never in a URL, so it stays out of access logs and history.
const Dossier = z.object({ dossier: z.string().trim().min(1).max(100) }).strict()

/** Personal-data duties (Luật 91/2025/QH15): retention of comment text, and data subjects' requests by dossier code. */
export function adminPrivacyRoutes(deps: AppDeps) {
  const admin = requireStaff(deps.db, deps.clock, ['admin'])
  return new Hono()
    .use(admin)
    .get('/settings', async (c) => c.json(await privacySettings(deps.db)))
    .patch('/settings', csrf(), validate('json', PrivacySettings.partial().strict()), async (c) =>
      c.json(await setPrivacySettings(deps.db, c.req.valid('json'), staffActor(c.var.staff), deps.clock.now())),
    )
    .post('/retention/run', csrf(), async (c) => c.json(await applyCommentRetention(deps.db, staffActor(c.var.staff), deps.clock.now())))
    .post('/dossiers/lookup', csrf(), validate('json', Dossier), async (c) =>
      c.json({ responses: await findDossierResponses(deps.db, dossierContext(deps), c.req.valid('json').dossier, staffActor(c.var.staff), deps.clock.now()) }),
    )
    .post('/dossiers/erase', csrf(), validate('json', Dossier.extend({ reason: z.string().trim().min(3).max(500) }).strict()), async (c) => {
      const { dossier, reason } = c.req.valid('json')
      return c.json(await eraseDossierResponses(deps.db, deps.catalog, dossierContext(deps), dossier, reason, staffActor(c.var.staff), deps.clock.now()))
    })
}
