import { listAgencies } from '../agencies/repository.ts'
import type { Db } from '../db/types.ts'
import { issue, notInScope, type FieldIssue } from '../domain/errors.ts'
import type { Role } from '../db/schema.ts'

/**
 * The agencies a user may see: null for the whole deployment (a province, or the nation), else the user's agency and every agency
 * below it. Every staff route filters by this on the server.
 */
export async function agencyScope(db: Db, agencyId: number | null): Promise<Set<number> | null> {
  if (agencyId === null) return null
  const agencies = await listAgencies(db)
  const children = new Map<number, number[]>()
  for (const a of agencies) if (a.parent_id !== null) children.set(a.parent_id, [...(children.get(a.parent_id) ?? []), a.id])
  const scope = new Set<number>()
  const stack = [agencyId]
  while (stack.length) {
    const id = stack.pop()!
    if (scope.has(id)) continue
    scope.add(id)
    stack.push(...(children.get(id) ?? []))
  }
  return scope
}

/** The signed-in staff member, as the session middleware loads it. */
export interface StaffUser {
  id: number
  username: string
  displayName: string
  role: Role
  agencyId: number | null
  /** The agency the person works for (conflicts of interest); null when not recorded. */
  homeAgencyId: number | null
  /** Agency ids the user may see; null for the whole deployment. */
  scope: Set<number> | null
  csrfToken: string
  sessionHash: string
}

/** How the audit log names a staff member who acted. */
export const staffActor = (staff: { username: string }) => `user:${staff.username}`

/** How the audit log names the account acted on: as it names that person acting, so one search finds both. */
export const staffTarget = (username: string) => staffActor({ username })

/** True when the staff member may see this agency. */
export function inScope(staff: StaffUser, agencyId: number): boolean {
  return staff.scope === null || staff.scope.has(agencyId)
}

/** The one refusal for something outside the staff member's scope: it reads as missing, with no hint which. */
export { notInScope }

/**
 * What scoped staff (and API keys) are told about an agency code outside their scope: exactly what they
 * are told about a code that does not exist, so no one learns another agency's codes by trying them.
 */
export function unknownAgencyInScope(field: string, code: string): FieldIssue {
  return issue(field, 'unknown_agency', `Không có cơ quan mã ${code} trong phạm vi được quản lý`, `No agency with code ${code} within your scope`)
}
