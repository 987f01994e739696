import { Hono, type Context } from 'hono'
import { qrSvg } from '../lib/qr.ts'
import { publicBase } from '../desks/public-url.ts'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { deskInScope } from '../desks/service.ts'
import {
  createKiosk,
  editKiosk,
  findKioskRow,
  fleetEntry,
  kioskInScope,
  kioskRevoked,
  KioskSettings,
  kioskSettings,
  renewPairing,
  revokeKiosk,
  setKioskSettings,
} from '../kiosks/service.ts'
import { listKioskRows } from '../kiosks/repository.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { inScope, requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { staffActor } from '../auth/scope.ts'

const Name = z.string().trim().min(1).max(100)
const Id = z.object({ id: z.coerce.number().int().positive() })
const NewKiosk = z.object({ deskId: z.number().int().positive(), name: Name }).strict()
const KioskChange = z
  .object({ name: Name.optional(), deskId: z.number().int().positive().optional() })
  .strict()
  .refine((v) => v.name !== undefined || v.deskId !== undefined, { message: 'name or deskId' })

/** The link the tablet opens (the code rides in the fragment, so it never reaches a server log) and its QR. */
async function pairingLink(c: Context, publicUrl: string | undefined, p: { code: string; expiresAt: string }) {
  const link = `${publicBase(c, publicUrl)}/kiosk#pair=${p.code}`
  return { code: p.code, url: link, expiresAt: p.expiresAt, qrSvg: await qrSvg(link) }
}

/** Staff manage the tablets at their desks: create (with a pairing link), list with fleet status, rename, move, revoke. */
export function kioskRoutes(deps: AppDeps) {
  const { db, clock } = deps
  const anyStaff = requireStaff(db, clock)
  const editor = requireStaff(db, clock, ['admin', 'manager'])
  const admin = requireStaff(db, clock, ['admin'])
  return (
    new Hono()
      // The tablets' delays are one setting for the province: every staff member may read them, admins change them.
      .get('/settings', anyStaff, async (c) => c.json(await kioskSettings(db)))
      .put('/settings', admin, csrf(), validate('json', KioskSettings.required().strict()), async (c) =>
        c.json(await setKioskSettings(db, c.req.valid('json'), staffActor(c.var.staff), clock.now())),
      )
      .get('/', anyStaff, async (c) => {
        const now = clock.now()
        const rows = (await listKioskRows(db)).filter((k) => inScope(c.var.staff, k.agency_id))
        return c.json({ kiosks: rows.map((k) => fleetEntry(k, now)) })
      })
      .post('/', editor, csrf(), validate('json', NewKiosk), async (c) => {
        const { deskId, name } = c.req.valid('json')
        await deskInScope(db, c.var.staff, deskId)
        const created = await createKiosk(db, { deskId, name, actor: staffActor(c.var.staff) }, clock.now())
        const kiosk = fleetEntry((await findKioskRow(db, created.id))!, clock.now())
        return c.json({ kiosk, pairing: await pairingLink(c, deps.publicUrl, created) }, 201)
      })
      .post('/:id/pairing', editor, csrf(), validate('param', Id), async (c) => {
        const k = await kioskInScope(db, c.var.staff, c.req.valid('param').id)
        if (k.revoked_at) throw kioskRevoked()
        const renewed = await renewPairing(db, k.id, staffActor(c.var.staff), clock.now())
        return c.json({ pairing: await pairingLink(c, deps.publicUrl, renewed) }, 201)
      })
      .patch('/:id', editor, csrf(), validate('param', Id), validate('json', KioskChange), async (c) => {
        const k = await kioskInScope(db, c.var.staff, c.req.valid('param').id)
        const change = c.req.valid('json')
        if (change.deskId !== undefined && change.deskId !== k.desk_id) await deskInScope(db, c.var.staff, change.deskId)
        await editKiosk(db, k, change, staffActor(c.var.staff), clock.now())
        deps.kioskCache.clear()
        return c.json({ kiosk: fleetEntry((await findKioskRow(db, k.id))!, clock.now()) })
      })
      .post('/:id/revoke', editor, csrf(), validate('param', Id), async (c) => {
        const k = await kioskInScope(db, c.var.staff, c.req.valid('param').id)
        await revokeKiosk(db, k.id, staffActor(c.var.staff), clock.now())
        deps.kioskCache.clear()
        return c.json({ kiosk: fleetEntry((await findKioskRow(db, k.id))!, clock.now()) })
      })
  )
}
