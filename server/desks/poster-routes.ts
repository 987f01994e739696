import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findAgency } from '../agencies/repository.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { publicBase } from './public-url.ts'
import { deskInScope, deskNotFound } from './service.ts'
import { qrSvg } from '../lib/qr.ts'

const DeskId = z.object({ id: z.coerce.number().int().positive() })

/** What a desk's A4 poster prints: who is rated, the public link and its QR code. Any staff role, within scope. */
export function deskPosterRoutes(deps: AppDeps) {
  return new Hono().get('/:id/poster', requireStaff(deps.db, deps.clock), validate('param', DeskId), async (c) => {
    // Out of scope reads as missing: a manager learns nothing about other agencies' desks.
    const desk = await deskInScope(deps.db, c.var.staff, c.req.valid('param').id)
    const agency = await findAgency(deps.db, desk.agency_id)
    if (!agency) throw deskNotFound()
    const link = `${publicBase(c, deps.publicUrl)}/d/${desk.public_token}`
    return c.json({
      agency: { code: agency.code, name: agency.name },
      desk: { id: desk.id, code: desk.code, name: desk.name, active: desk.active === 1 },
      link,
      qrSvg: await qrSvg(link),
    })
  })
}
