import type { Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { responseRate, type ResponseRate } from '../domain/response-rate.ts'
import { evaluationsByDesk, evaluationsByOfficer, returnedDossiers } from './repository.ts'

export interface RateQuery {
  surveyVersionIds: number[]
  quarters: string[]
  channel?: Channel
  agencyIds?: number[]
}

type Counted = { agencyId: number; key: number; count: number }

/**
 * Dossiers returned and answers given, per key (agency, desk or officer): the answers of each channel over
 * the dossiers. Every key of `keys` appears, with neither.
 */
function tally(dossiers: Counted[], answers: Array<Counted & { channel: string }>, keyOf: (r: Counted) => number, keys: number[] = []) {
  const m = new Map<number, { dossiers: number; channels: Record<string, number> }>()
  const bucket = (k: number) => m.get(k) ?? (m.set(k, { dossiers: 0, channels: {} }), m.get(k)!)
  for (const k of keys) bucket(k)
  for (const r of dossiers) bucket(keyOf(r)).dossiers += r.count
  for (const e of answers) {
    const b = bucket(keyOf(e))
    b.channels[e.channel] = (b.channels[e.channel] ?? 0) + e.count
  }
  return new Map([...m].map(([k, v]) => [k, responseRate(v.dossiers, v.channels)]))
}

/** Response rate per agency. */
export async function ratesByAgency(db: Db, q: RateQuery) {
  const dossiers = await returnedDossiers(db, q.quarters, 'agency', q.agencyIds)
  return tally(dossiers, await evaluationsByDesk(db, q.surveyVersionIds, q.quarters, q.channel, q.agencyIds), (r) => r.agencyId)
}

/** Response rate per desk of one agency (key 0: dossiers or answers with no desk); every given desk appears. */
export async function ratesByDesk(db: Db, q: RateQuery & { agencyIds: number[] }, deskIds: number[]): Promise<Map<number, ResponseRate>> {
  const dossiers = await returnedDossiers(db, q.quarters, 'desk', q.agencyIds)
  return tally(dossiers, await evaluationsByDesk(db, q.surveyVersionIds, q.quarters, q.channel, q.agencyIds), (r) => r.key, deskIds)
}

/** Response rate per officer: answers through receipt codes that name the officer ÷ the officer's dossiers returned. */
export async function ratesByOfficer(db: Db, q: RateQuery & { agencyIds: number[] }, officerIds: number[]): Promise<Map<number, ResponseRate>> {
  // A dossier that names no officer (key 0) is no one's.
  const dossiers = (await returnedDossiers(db, q.quarters, 'officer', q.agencyIds)).filter((r) => r.key)
  return tally(dossiers, await evaluationsByOfficer(db, q.surveyVersionIds, q.quarters, q.agencyIds), (r) => r.key, officerIds)
}
