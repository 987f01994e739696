import { Hono } from 'hono'
import { streamSSE } from 'hono/streaming'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { agencyInScope } from '../agencies/service.ts'
import type { LiveEvent } from '../alerts/hub.ts'
import { activeKioskRows, alertIdsAfter, lastAlertId, listAlertRows, ratingsSince } from '../alerts/repository.ts'
import { alertView } from '../alerts/service.ts'
import { agencyScope } from '../auth/scope.ts'
import { listDesks } from '../desks/repository.ts'
import { ratingIndex } from '../domain/alert-rules.ts'
import { localDateOf, localToInstant } from '../domain/periods.ts'
import { fleetStatus } from '../kiosks/opening-hours.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'

/** A stream looks for alerts raised on other nodes this often, and says something at least this often (proxies close idle streams). */
const POLL_MS = 5000
const KEEPALIVE_MS = 25_000

/** The live desk view ("Trực tiếp") and the event stream that keeps it and the dashboard current. */
export function liveRoutes(deps: AppDeps) {
  const { db, clock } = deps
  return new Hono()
    .use(requireStaff(db, clock))
    .get('/', validate('query', z.object({ agency: z.string().max(64).optional() }).strict()), async (c) => {
      const staff = c.var.staff
      const code = c.req.valid('query').agency
      const scope = code ? await agencyScope(db, (await agencyInScope(db, staff, code)).id) : staff.scope
      const seen = (agencyId: number) => scope === null || scope.has(agencyId)
      const now = clock.now()
      const [y, m, d] = localDateOf(now, deps.timeZone).split('-').map(Number) as [number, number, number]
      const since = localToInstant(y, m, d, deps.timeZone).toISOString()
      const hours = deps.alerts.hours
      const desks = (await listDesks(db)).filter((d) => d.active && seen(d.agency_id))
      const ratings = await ratingsSince(db, scope ? [...scope] : null, since)
      const kiosks = (await activeKioskRows(db)).filter((k) => seen(k.agency_id))
      const open = (await listAlertRows(db, { agencyIds: scope ? [...scope] : null, state: 'open', limit: 100 })).map(alertView)
      const view = desks.map((desk) => {
        const mine = ratings.filter((r) => r.desk_id === desk.id && r.rating !== null)
        const counts = [1, 2, 3, 4, 5].map((v) => mine.filter((r) => r.rating === v).length)
        return {
          id: desk.id,
          code: desk.code,
          name: desk.name,
          agency: { code: desk.agency_code, name: desk.agency_name },
          today: { n: mine.length, counts, index: ratingIndex(mine.length, counts[3]! + counts[4]!) },
          recent: mine.slice(0, 5).map((r) => ({ id: r.id, at: r.submitted_at, rating: r.rating, comment: r.comment })),
          kiosks: kiosks
            .filter((k) => k.desk_id === desk.id)
            .map((k) => ({ id: k.id, name: k.name, status: fleetStatus(k, now, hours), queueLength: k.queue_length, lastSeenAt: k.last_seen_at })),
          openAlerts: open.filter((a) => a.desk?.id === desk.id).length,
        }
      })
      // Desks that need a look first: open alerts, then the busiest.
      view.sort((a, b) => b.openAlerts - a.openAlerts || b.today.n - a.today.n || a.id - b.id)
      return c.json({ now: now.toISOString(), since, desks: view, alerts: open })
    })
    .get('/stream', (c) => {
      const staff = c.var.staff
      const visible = (ids: number[]) => staff.scope === null || ids.some((id) => staff.scope!.has(id))
      return streamSSE(c, async (stream) => {
        let closed = false
        let wake: (() => void) | null = null
        const queue: LiveEvent[] = []
        const unsubscribe = deps.alerts.hub.subscribe((e) => {
          if (!visible(e.agencyIds)) return
          queue.push(e)
          wake?.()
        })
        stream.onAbort(() => {
          closed = true
          unsubscribe()
          wake?.()
        })
        let lastId = await lastAlertId(db)
        let quietSince = Date.now()
        await stream.writeSSE({ event: 'ready', data: '{}' })
        while (!closed) {
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, POLL_MS)
            wake = () => {
              clearTimeout(timer)
              resolve()
            }
          })
          wake = null
          if (closed) break
          const out: Array<{ event: string; data: string }> = []
          let ratings = false
          for (const e of queue.splice(0)) {
            // Many commits in a moment are one "something new" for the page.
            if (e.type === 'ratings') {
              if (!ratings) out.push({ event: 'ratings', data: '{}' })
              ratings = true
              continue
            }
            if (e.type === 'alert' && e.alertId !== undefined) {
              if (e.alertId <= lastId) continue
              lastId = e.alertId
            }
            out.push({ event: e.type, data: JSON.stringify(e.alertId !== undefined ? { alertId: e.alertId } : {}) })
          }
          // Alerts another node raised: this node's hub never heard of them.
          for (const a of await alertIdsAfter(db, lastId)) {
            lastId = Math.max(lastId, a.id)
            if (visible([a.agency_id])) out.push({ event: 'alert', data: JSON.stringify({ alertId: a.id }) })
          }
          if (!out.length && Date.now() - quietSince > KEEPALIVE_MS) out.push({ event: 'ping', data: '{}' })
          for (const m of out) await stream.writeSSE(m)
          if (out.length) quietSince = Date.now()
        }
      })
    })
}
