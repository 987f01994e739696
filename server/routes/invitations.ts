import { Hono, type Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppDeps } from '../app.ts'
import { authenticateApiKey } from '../api-keys/service.ts'
import type { ApiKey } from '../db/schema.ts'
import { publicBase } from '../desks/public-url.ts'
import { qrPngDataUrl, qrSvg } from '../lib/qr.ts'
import { DEFAULT_QR, InvitationBatchInput, InvitationInput, type InvitationCreated } from '../invitations/schemas.ts'
import { mintInvitations, type MintedInvitation } from '../invitations/service.ts'
import { BODY_LIMITS, limitBody } from '../middleware/body-limit/index.ts'
import { validate } from '../middleware/validate/index.ts'

declare module 'hono' {
  interface ContextVariableMap {
    apiKey: ApiKey
  }
}

type Format = (typeof DEFAULT_QR)[number]

/**
 * Link and QR codes per minted code. SVG unless PNG is asked for: a PNG costs about ten times an SVG, which
 * a batch of 1,000 receipts pays a thousand times. Yields every few codes so a batch does not stall
 * other requests.
 */
async function present(minted: MintedInvitation[], base: string, formats: Format[] = DEFAULT_QR): Promise<InvitationCreated[]> {
  const out: InvitationCreated[] = []
  for (const [i, m] of minted.entries()) {
    const link = `${base}/r/${m.token}`
    const qr: InvitationCreated['qr'] = {}
    if (formats.includes('svg')) qr.svg = await qrSvg(link)
    if (formats.includes('png')) qr.png = await qrPngDataUrl(link)
    out.push({ ...m, link, qr })
    if (i % (formats.includes('png') ? 1 : 20) === 0) await new Promise((r) => setImmediate(r))
  }
  return out
}

/** The one-stop software's API key (`Authorization: Bearer hlk_…`), for receipt codes and dossier events. */
export const apiKeyAuth = (deps: AppDeps) =>
  createMiddleware(async (c, next) => {
    c.set('apiKey', await authenticateApiKey(deps.db, c.req.header('Authorization'), deps.clock.now()))
    await next()
  })

export const dossierContext = (deps: AppDeps) => ({ formats: deps.dossierFormats ?? [], timeZone: deps.timeZone })

/** The integration API for the one-stop software: receipt codes, authenticated by an API key. */
export function invitationRoutes(deps: AppDeps) {
  const apiKey = apiKeyAuth(deps)
  const noStore = (c: Context) => c.header('Cache-Control', 'no-store')
  return new Hono()
    .use(apiKey)
    .post('/', limitBody(BODY_LIMITS.invitation), validate('json', InvitationInput), async (c) => {
      const { qr, ...request } = c.req.valid('json')
      const minted = await mintInvitations(deps.db, deps.catalog, c.var.apiKey, [request], dossierContext(deps), deps.clock.now())
      const [created] = await present(minted, publicBase(c, deps.publicUrl), qr)
      noStore(c)
      return c.json(created!, 201)
    })
    .post('/batch', limitBody(BODY_LIMITS.invitationBatch), validate('json', InvitationBatchInput), async (c) => {
      const { items, qr } = c.req.valid('json')
      const minted = await mintInvitations(deps.db, deps.catalog, c.var.apiKey, items, dossierContext(deps), deps.clock.now(), 'items.')
      noStore(c)
      return c.json({ items: await present(minted, publicBase(c, deps.publicUrl), qr) }, 201)
    })
}
