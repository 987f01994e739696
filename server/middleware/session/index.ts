import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Kysely } from 'kysely'
import { findSession } from '../../auth/repository.ts'
import { agencyScope, type StaffUser } from '../../auth/scope.ts'

// Re-exported so route files keep one import for the signed-in user.
export { inScope, type StaffUser } from '../../auth/scope.ts'
import type { Database, Role } from '../../db/schema.ts'
import { DomainError, forbidden } from '../../domain/errors.ts'
import type { Clock } from '../../lib/clock.ts'
import { hashToken } from '../../lib/tokens.ts'

export const SESSION_COOKIE = 'hl_session'

declare module 'hono' {
  interface ContextVariableMap {
    staff: StaffUser
  }
}

export const notSignedIn = () => new DomainError('unauthorized', 'not_signed_in', { vi: 'Vui lòng đăng nhập', en: 'Please sign in' })

/** Loads the signed-in staff member from the session cookie, or refuses with 401. */
export const requireStaff = (db: Kysely<Database>, clock: Clock, roles?: Role[]) =>
  createMiddleware(async (c, next) => {
    const cookie = getCookie(c, SESSION_COOKIE)
    const session = cookie ? await findSession(db, hashToken(cookie)) : undefined
    if (!session || !session.active || session.expires_at <= clock.now().toISOString()) throw notSignedIn()
    if (roles && !roles.includes(session.role)) throw forbidden()
    c.set('staff', {
      id: session.user_id,
      username: session.username,
      displayName: session.display_name,
      role: session.role,
      agencyId: session.agency_id,
      homeAgencyId: session.home_agency_id,
      scope: await agencyScope(db, session.agency_id),
      csrfToken: session.csrf_token,
      sessionHash: session.id_hash,
    })
    await next()
  })
