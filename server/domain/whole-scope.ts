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
