import { Hono } from 'hono'
import type { AppDeps } from '../app.ts'
import { DossierEventBatch } from '../dossiers/schemas.ts'
import { recordDossierEvents } from '../dossiers/service.ts'
import { validate } from '../middleware/validate/index.ts'
import { BODY_LIMITS, limitBody } from '../middleware/body-limit/index.ts'
import { apiKeyAuth, dossierContext } from './invitations.ts'

/** Dossier events from the one-stop software (received, returned): the denominator of the response rate. */
export function dossierRoutes(deps: AppDeps) {
  return new Hono().use(apiKeyAuth(deps)).post('/events', limitBody(BODY_LIMITS.dossierEvents), validate('json', DossierEventBatch), async (c) => {
    const { events } = c.req.valid('json')
    const results = await recordDossierEvents(deps.db, c.var.apiKey, events, dossierContext(deps), deps.clock.now(), 'events.')
    c.header('Cache-Control', 'no-store')
    return c.json({ results }, 200)
  })
}
