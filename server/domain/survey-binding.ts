/**
 * Which survey versions a credential may answer (channel binding): a desk link and a kiosk the version
 * their desk's channel uses, a receipt code the version it was minted for. Pure: the data comes from the
 * desk's assignment and its history.
 */
export interface SurveyBinding {
  /** The version in force now. */
  current: number
  /** Set when nobody chose a version (the newest of this instrument applies): any version of it is taken. */
  instrument?: string
  /** Versions the channel used before, each until the instant it was replaced (ISO). */
  earlier: Array<{ surveyVersionId: number; until: string }>
  /** Timed on arrival (desk links): a page opened just before the switch may still send its answer. */
  graceMs?: number
}

/**
 * True when a response to `version` given at `givenAt` is one the binding accepts: the current version,
 * the instrument when none was chosen, or an earlier version that was still in force when it was given
 * (what a tablet queued before its desk switched survey at the next heartbeat).
 */
export function bindingAccepts(b: SurveyBinding, version: { id: number; instrument: string }, givenAt: Date): boolean {
  if (version.id === b.current) return true
  if (b.instrument !== undefined && version.instrument === b.instrument) return true
  const at = new Date(givenAt.getTime() - (b.graceMs ?? 0)).toISOString()
  return b.earlier.some((e) => e.surveyVersionId === version.id && at < e.until)
}
