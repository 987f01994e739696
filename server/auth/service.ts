import type { Db } from '../db/types.ts'
import { inTransaction } from '../db/transaction.ts'
import { randomBytes } from 'node:crypto'
import type { Role } from '../db/schema.ts'
import { appendAudit } from '../audit/service.ts'
import { DomainError, forbidden } from '../domain/errors.ts'
import { hashToken } from '../lib/tokens.ts'
import { clearAttempts, countAttempt, forgiveAttempt } from '../rate-limit/repository.ts'
import { deleteSession, deleteUserSessions, findUser, findUserByName, insertSession, insertUser, setUserActiveFlag, setUserPassword } from './repository.ts'
import { inScope, notInScope, staffActor, staffTarget, type StaffUser } from './scope.ts'
import { hashPassword, verifyPassword } from './password.ts'

export const SESSION_TTL_MS = 12 * 3600_000
const THROTTLE_WINDOW_MS = 15 * 60_000
const MAX_FAILURES = 5

export const USERNAME = /^[a-z0-9._-]{3,64}$/

const badLogin = () => new DomainError('unauthorized', 'invalid_login', { vi: 'Sai tên đăng nhập hoặc mật khẩu', en: 'Wrong username or password' })

export function validatePassword(password: string) {
  if ([...password].length < 10)
    throw new DomainError('invalid', 'weak_password', { vi: 'Mật khẩu cần ít nhất 10 ký tự', en: 'The password needs at least 10 characters' }, [
      { field: 'password', code: 'too_short', message: { vi: 'Ít nhất 10 ký tự', en: 'At least 10 characters' } },
    ])
}

/**
 * Checks a username and password and opens a session. Attempts are counted per account and per client
 * (in the database, so every node sees them) *before* the password is checked, in one atomic upsert:
 * of any number of parallel guesses at most MAX_FAILURES are ever verified, and past them even the right
 * password waits until THROTTLE_WINDOW_MS have passed since the last attempt (a sliding window, not one
 * aligned to the clock). A success takes its own attempt back and clears the account's count.
 */
export async function login(db: Db, input: { username: string; password: string; clientKey: string }, now: Date) {
  const username = input.username.trim().toLowerCase()
  const userKey = `login:user:${username}`
  const clientKey = `login:client:${input.clientKey}`
  const counts = [await countAttempt(db, userKey, THROTTLE_WINDOW_MS, now), await countAttempt(db, clientKey, THROTTLE_WINDOW_MS, now)]
  if (counts.some((n) => n > MAX_FAILURES))
    throw new DomainError('rate_limited', 'too_many_attempts', {
      vi: 'Đăng nhập sai quá nhiều lần, vui lòng thử lại sau 15 phút',
      en: 'Too many failed sign-ins; try again in 15 minutes',
    })
  const user = await findUserByName(db, username)
  // Verify against a dummy hash when the user is unknown, so timing does not reveal which names exist.
  const ok = await verifyPassword(input.password, user?.password_hash ?? DUMMY_HASH)
  if (!user || !ok || !user.active) {
    await inTransaction(db, (trx) => appendAudit(trx, { actor: 'anonymous', action: 'login.failed', target: staffTarget(username) }, now))
    throw badLogin()
  }
  await clearAttempts(db, userKey)
  // Only this attempt: an office's other failures stay counted against its address.
  await forgiveAttempt(db, clientKey)
  const token = randomBytes(32).toString('base64url')
  const csrfToken = randomBytes(24).toString('base64url')
  await inTransaction(db, async (trx) => {
    await insertSession(trx, { idHash: hashToken(token), userId: user.id, csrfToken, at: now.toISOString(), expiresAt: new Date(now.getTime() + SESSION_TTL_MS).toISOString() })
    await appendAudit(trx, { actor: staffActor(user), action: 'login', target: staffTarget(user.username) }, now)
  })
  return { token, csrfToken, user }
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'

export async function changePassword(db: Db, userId: number, current: string, next: string, now: Date) {
  const user = await findUser(db, userId)
  if (!user || !(await verifyPassword(current, user.password_hash)))
    throw new DomainError('invalid', 'wrong_password', { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' }, [
      { field: 'current', code: 'wrong_password', message: { vi: 'Mật khẩu hiện tại không đúng', en: 'The current password is wrong' } },
    ])
  validatePassword(next)
  const hash = await hashPassword(next)
  await inTransaction(db, async (trx) => {
    await setUserPassword(trx, userId, hash, now.toISOString())
    // Every other session of this user ends: a changed password must lock out whoever knew the old one.
    await deleteUserSessions(trx, userId)
    await appendAudit(trx, { actor: staffActor(user), action: 'password.change', target: staffTarget(user.username) }, now)
  })
}

export async function createUser(
  db: Db,
  input: { username: string; displayName?: string; password: string; role: Role; agencyId: number | null; homeAgencyId?: number | null; actor: string },
  now: Date,
) {
  const username = input.username.trim().toLowerCase()
  if (!USERNAME.test(username))
    throw new DomainError(
      'invalid',
      'invalid_username',
      { vi: 'Tên đăng nhập gồm 3–64 chữ thường, số, ".", "_" hoặc "-"', en: 'Username: 3–64 lowercase letters, digits, ".", "_" or "-"' },
      [{ field: 'username', code: 'invalid_username', message: { vi: 'Tên đăng nhập không hợp lệ', en: 'Invalid username' } }],
    )
  if (input.role === 'manager' && input.agencyId === null)
    throw new DomainError('invalid', 'manager_needs_agency', { vi: 'Cán bộ quản lý phải thuộc một cơ quan', en: 'A manager must belong to an agency' }, [
      { field: 'agency', code: 'required', message: { vi: 'Chọn cơ quan', en: 'Choose an agency' } },
    ])
  validatePassword(input.password)
  if (await findUserByName(db, username)) throw new DomainError('conflict', 'username_taken', { vi: `Tên đăng nhập ${username} đã có`, en: `Username ${username} is taken` })
  const passwordHash = await hashPassword(input.password)
  return inTransaction(db, async (trx) => {
    const id = await insertUser(trx, {
      username,
      displayName: input.displayName?.normalize('NFC') || username,
      passwordHash,
      role: input.role,
      agencyId: input.agencyId,
      homeAgencyId: input.homeAgencyId,
      at: now.toISOString(),
    })
    await appendAudit(
      trx,
      {
        actor: input.actor,
        action: 'user.create',
        target: staffTarget(username),
        details: { role: input.role, agencyId: input.agencyId, homeAgencyId: input.homeAgencyId ?? input.agencyId },
      },
      now,
    )
    return id
  })
}

/** (De)activates an account; managers only within their scope and never an admin. A deactivated account loses its sessions at once. */
export async function setUserActive(db: Db, staff: StaffUser, username: string, active: boolean, now: Date) {
  const user = await findUserByName(db, username)
  if (!user || (staff.role !== 'admin' && (user.agency_id === null || !inScope(staff, user.agency_id)))) throw notInScope()
  if (staff.role !== 'admin' && user.role === 'admin') throw forbidden()
  await inTransaction(db, async (trx) => {
    await setUserActiveFlag(trx, user.id, active)
    if (!active) await deleteUserSessions(trx, user.id)
    await appendAudit(trx, { actor: staffActor(staff), action: active ? 'user.activate' : 'user.deactivate', target: staffTarget(user.username) }, now)
  })
}

/** Ends one session, with its audit entry. */
export async function logout(db: Db, staff: Pick<StaffUser, 'username' | 'sessionHash'>, now: Date) {
  await inTransaction(db, async (trx) => {
    await deleteSession(trx, staff.sessionHash)
    await appendAudit(trx, { actor: staffActor(staff), action: 'logout', target: staffTarget(staff.username) }, now)
  })
}
