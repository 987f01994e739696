import type { LocalizedText } from './text.ts'

const PROVINCE: LocalizedText = { vi: 'Toàn tỉnh', en: 'Whole province' }
const NATION: LocalizedText = { vi: 'Toàn quốc', en: 'Nationwide' }

/**
 * What the overall figure covers: the nation where several provinces are at the top of the agency tree
 * (a Ministry-level deployment), the province otherwise. Decided on the whole directory, not on what one
 * user may see: a manager's agency list holds one province at most while the overall figure is still the
 * nation's. Inactive agencies do not count (a province merged into another stays in the directory).
 */
export function wholeScope(agencies: ReadonlyArray<{ kind: string; parent_id: number | null; active: number }>): LocalizedText {
  let provinces = 0
  for (const a of agencies) if (a.active && a.parent_id === null && a.kind === 'province' && ++provinces > 1) return NATION
  return PROVINCE
}

/** Whether `wholeScope` named the nation (a Ministry-level deployment). */
export function isNation(scope: LocalizedText): boolean {
  return scope.vi === NATION.vi
}

/**
 * The same inside a sentence ("Quản trị (toàn quốc)", "Set for the whole country"), from the name `wholeScope`
 * gave: "Nationwide" does not fit after "for the" the way "whole province" does.
 */
export function wholeScopeInSentence(scope: LocalizedText): LocalizedText {
  return isNation(scope) ? { vi: 'toàn quốc', en: 'whole country' } : { vi: 'toàn tỉnh', en: 'whole province' }
}

/**
 * The province whose Sở Nội vụ issues what a user prints: the nearest province at or above the user's agency
 * (a commune's manager prints under its province), and for deployment-wide staff the deployment's one
 * province. Null for the Ministry (several provinces at the top) and for an agency under no province.
 */
export function issuingProvince(
  agencies: ReadonlyArray<{ id: number; name: string; kind: string; parent_id: number | null; active: number }>,
  agencyId: number | null,
): string | null {
  if (agencyId === null) {
    const tops = agencies.filter((a) => a.active && a.parent_id === null && a.kind === 'province')
    return tops.length === 1 ? tops[0]!.name : null
  }
  const byId = new Map(agencies.map((a) => [a.id, a]))
  const seen = new Set<number>()
  for (let a = byId.get(agencyId); a && !seen.has(a.id); a = a.parent_id === null ? undefined : byId.get(a.parent_id)) {
    if (a.kind === 'province') return a.name
    seen.add(a.id)
  }
  return null
}
