import { listAgencies } from '../agencies/repository.ts'
import type { Db } from '../db/types.ts'

/**
 * The agencies a user may see: null for the whole province, else the user's agency and every agency
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
