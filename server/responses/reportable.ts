/**
 * What a response must be to count in the index: not spam, not flagged as suspect, not test, not deleted.
 * The one statement of the rule; `isReportable` reads it for rows in memory and `reportable()` in
 * responses/repository.ts turns it into SQL.
 */
export const REPORTABLE = { is_spam: 0, is_flagged: 0, is_test: 0, deleted_at: null } as const

type Flags = { [K in keyof typeof REPORTABLE]: (typeof REPORTABLE)[K] extends null ? string | null : number }

export function isReportable(r: Flags): boolean {
  return (Object.keys(REPORTABLE) as Array<keyof typeof REPORTABLE>).every((k) => r[k] === REPORTABLE[k])
}
