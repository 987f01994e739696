/**
 * Separation of duties for changes to what counts in the index. Pure: the agency tree is passed in.
 *
 * An account's own agency is `users.home_agency_id` (the agency the person works for), set when the
 * account is made (`--home-agency`, defaulting to the agency it is scoped to). A province-wide admin
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

/** The reasons a rating may be excluded from the index for; the report counts exclusions by these. */
export const EXCLUSION_REASONS = ['spam', 'fraud', 'duplicate', 'staff_rating', 'test', 'other'] as const
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number]

export const EXCLUSION_REASON_TEXT: Record<ExclusionReason, { vi: string; en: string }> = {
  spam: { vi: 'Rác, vô nghĩa', en: 'Spam, meaningless' },
  fraud: { vi: 'Gian lận', en: 'Fraud' },
  duplicate: { vi: 'Trùng lặp', en: 'Duplicate' },
  staff_rating: { vi: 'Cán bộ tự đánh giá', en: 'Rated by staff themselves' },
  test: { vi: 'Dữ liệu thử', en: 'Test data' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
}

/** Why an automatic signal held a rating back for review. */
export const FLAG_REASON_TEXT: Record<string, { vi: string; en: string }> = {
  burst: { vi: 'Quá nhiều đánh giá trong một phút', en: 'Too many ratings within a minute' },
  arrival_burst: { vi: 'Quá nhiều đánh giá đến cùng lúc', en: 'Too many ratings arriving at once' },
  top_run: { vi: 'Chuỗi dài toàn điểm cao nhất tại một quầy', en: 'A long run of top ratings at one desk' },
  after_hours: { vi: 'Ngoài giờ làm việc của quầy', en: 'Outside the desk’s opening hours' },
  stale: { vi: 'Thời điểm đánh giá quá cũ', en: 'Given too long ago' },
  ip_rate: { vi: 'Quá nhiều đánh giá từ một địa chỉ', en: 'Too many ratings from one address' },
  no_cookie: { vi: 'Không có cookie trình duyệt, vượt giới hạn theo địa chỉ', en: 'No browser cookie, over the per-address limit' },
  honeypot: { vi: 'Điền vào ô ẩn (máy tự động)', en: 'Filled the hidden field (a robot)' },
}
