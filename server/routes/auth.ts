import { Hono, type Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { findAgencyLabel } from '../agencies/repository.ts'
import { deleteSession } from '../auth/repository.ts'
import { changePassword, login, logout, SESSION_TTL_MS } from '../auth/service.ts'
import { dailyClientHash } from '../lib/client-ip.ts'
import { hashToken } from '../lib/tokens.ts'
import { csrf, sameOrigin } from '../middleware/csrf/index.ts'
import { requireStaff, SESSION_COOKIE, type StaffUser } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { serverSecret } from '../settings/secret.ts'

const Login = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(200) }).strict()
const PasswordChange = z.object({ current: z.string().min(1).max(200), next: z.string().min(1).max(200) }).strict()

export function isHttps(c: Context, trustProxy: boolean) {
  return new URL(c.req.url).protocol === 'https:' || (trustProxy && c.req.header('X-Forwarded-Proto') === 'https')
}

export function publicUser(staff: Pick<StaffUser, 'username' | 'displayName' | 'role' | 'agencyId'>, agency: { code: string; name: string } | null) {
  return { username: staff.username, displayName: staff.displayName, role: staff.role, agency }
}

/** Staff sign-in with a session cookie (HttpOnly, SameSite=Lax, Secure behind HTTPS) and a CSRF token. */
export function authRoutes(deps: AppDeps) {
  const staff = requireStaff(deps.db, deps.clock)
  const agencyOf = async (id: number | null) => (id === null ? null : findAgencyLabel(deps.db, id))
  return new Hono()
    .post('/login', sameOrigin(), validate('json', Login), async (c) => {
      const { username, password } = c.req.valid('json')
      const now = deps.clock.now()
      const clientKey = dailyClientHash(await serverSecret(deps.db), c, deps.trustProxy, now)
      // A new session id at every sign-in: a session id planted before sign-in is never promoted.
      const old = getCookie(c, SESSION_COOKIE)
      if (old) await deleteSession(deps.db, hashToken(old))
      const session = await login(deps.db, { username, password, clientKey }, now)
      setCookie(c, SESSION_COOKIE, session.token, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isHttps(c, deps.trustProxy),
        path: '/',
        maxAge: SESSION_TTL_MS / 1000,
      })
      const u = session.user
      return c.json({
        user: publicUser({ username: u.username, displayName: u.display_name, role: u.role, agencyId: u.agency_id }, await agencyOf(u.agency_id)),
        csrfToken: session.csrfToken,
        timeZone: deps.timeZone,
      })
    })
    .get('/me', staff, async (c) => c.json({ user: publicUser(c.var.staff, await agencyOf(c.var.staff.agencyId)), csrfToken: c.var.staff.csrfToken, timeZone: deps.timeZone }))
    .post('/logout', staff, csrf(), async (c) => {
      await logout(deps.db, c.var.staff, deps.clock.now())
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.json({ ok: true })
    })
    .post('/password', staff, csrf(), validate('json', PasswordChange), async (c) => {
      const { current, next } = c.req.valid('json')
      await changePassword(deps.db, c.var.staff.id, current, next, deps.clock.now())
      deleteCookie(c, SESSION_COOKIE, { path: '/' })
      return c.json({ ok: true, signInAgain: true })
    })
}
