/** Only reportable responses count: not spam, not flagged as suspect, not test, not deleted. */
export function isReportable(r: { is_spam: number; is_flagged: number; is_test: number; deleted_at: string | null }): boolean {
  return r.is_spam === 0 && r.is_flagged === 0 && r.is_test === 0 && r.deleted_at === null
}
