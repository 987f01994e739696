/**
 * Separation of duties for changes to what counts in the index. Pure: the agency tree is passed in.
 *
 * An account's own agency is `users.home_agency_id` (the agency the person works for), set when the
 * account is made (`--home-agency`, defaulting to the agency it is scoped to). A deployment-wide admin
 * without one is refused: whose interest they serve is unknown, so they cannot be the second person.
 */
export type ConflictReason = 'home_agency_unknown' | 'own_agency' | 'own_parent_agency'

export interface AgencyNode {
  id: number
  parent_id: number | null
  kind: string
}

/**
 * Why the approver may not decide on a rating of `measured` (null when they may): they work for the
 * measured agency itself, or for an agency above it that is itself measured (any agency but the province
 * root, which is not ranked): the Sở Nội vụ's admins cannot approve exclusions of the Sở Nội vụ's ratings.
 */
export function approverConflict(homeAgencyId: number | null, measured: number, agencies: Map<number, AgencyNode>): ConflictReason | null {
  if (homeAgencyId === null) return 'home_agency_unknown'
  if (homeAgencyId === measured) return 'own_agency'
  for (let p = agencies.get(measured)?.parent_id ?? null, guard = 0; p !== null && guard < 64; p = agencies.get(p)?.parent_id ?? null, guard++)
    if (p === homeAgencyId && agencies.get(p)?.kind !== 'province') return 'own_parent_agency'
  return null
}
