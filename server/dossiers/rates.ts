import type { Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { responseRate, type ResponseRate } from '../domain/response-rate.ts'
import { evaluationsByDesk, evaluationsByOfficer, returnedDossiers } from './repository.ts'

type Keyed = Map<number, { dossiers: number; channels: Record<string, number> }>
const bucket = (m: Keyed, k: number) => m.get(k) ?? (m.set(k, { dossiers: 0, channels: {} }), m.get(k)!)
const add = (m: Keyed, k: number, channel: string, n: number) => {
  const b = bucket(m, k)
  b.channels[channel] = (b.channels[channel] ?? 0) + n
}
const rates = (m: Keyed) => new Map([...m].map(([k, v]) => [k, responseRate(v.dossiers, v.channels)]))

export interface RateQuery {
  surveyVersionIds: number[]
  quarters: string[]
  channel?: Channel
  agencyIds?: number[]
}

/** Response rate per agency. */
export async function ratesByAgency(db: Db, q: RateQuery) {
  const m: Keyed = new Map()
  for (const r of await returnedDossiers(db, q.quarters, 'agency', q.agencyIds)) bucket(m, r.agencyId).dossiers += r.count
  for (const e of await evaluationsByDesk(db, q.surveyVersionIds, q.quarters, q.channel, q.agencyIds)) add(m, e.agencyId, e.channel, e.count)
  return rates(m)
}

/** Response rate per desk of one agency (key 0: dossiers or answers with no desk); every given desk appears. */
export async function ratesByDesk(db: Db, q: RateQuery & { agencyIds: number[] }, deskIds: number[]): Promise<Map<number, ResponseRate>> {
  const m: Keyed = new Map()
  for (const id of deskIds) bucket(m, id)
  for (const r of await returnedDossiers(db, q.quarters, 'desk', q.agencyIds)) bucket(m, r.key).dossiers += r.count
  for (const e of await evaluationsByDesk(db, q.surveyVersionIds, q.quarters, q.channel, q.agencyIds)) add(m, e.key, e.channel, e.count)
  return rates(m)
}

/** Response rate per officer: answers through receipt codes that name the officer ÷ the officer's dossiers returned. */
export async function ratesByOfficer(db: Db, q: RateQuery & { agencyIds: number[] }, officerIds: number[]): Promise<Map<number, ResponseRate>> {
  const m: Keyed = new Map()
  for (const id of officerIds) bucket(m, id)
  for (const r of await returnedDossiers(db, q.quarters, 'officer', q.agencyIds)) if (r.key) bucket(m, r.key).dossiers += r.count
  for (const e of await evaluationsByOfficer(db, q.surveyVersionIds, q.quarters, q.agencyIds)) add(m, e.key, e.channel, e.count)
  return rates(m)
}
