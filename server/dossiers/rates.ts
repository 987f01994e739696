import type { Channel } from '../db/schema.ts'
import type { Db } from '../db/types.ts'
import { responseRate, type ResponseRate } from '../domain/response-rate.ts'
import { perAgency } from '../reports/agency-inputs.ts'
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

/**
 * Response rate per agency. Unfiltered, each agency's answers per channel are kept between calls and read
 * again only for agencies whose cells moved (they come from the live cells, closed quarters too), and its
 * rate is computed again only when they or its dossiers change.
 */
export async function ratesByAgency(db: Db, q: RateQuery): Promise<Map<number, ResponseRate>> {
  const dossiers = await returnedDossiers(db, q.quarters, 'agency', q.agencyIds)
  if (q.channel || q.agencyIds) return tally(dossiers, await evaluationsByDesk(db, q.surveyVersionIds, q.quarters, q.channel, q.agencyIds), (r) => r.agencyId)
  const channels = await perAgency(
    db,
    'evaluations',
    q.surveyVersionIds,
    q.quarters,
    async (agencyIds) => {
      const out = new Map<number, Record<string, number>>()
      for (const e of await evaluationsByDesk(db, q.surveyVersionIds, q.quarters, undefined, agencyIds)) {
        const c = out.get(e.agencyId) ?? out.set(e.agencyId, {}).get(e.agencyId)!
        c[e.channel] = (c[e.channel] ?? 0) + e.count
      }
      return out
    },
    { live: true },
  )
  const returned = new Map<number, number>()
  for (const r of dossiers) returned.set(r.agencyId, (returned.get(r.agencyId) ?? 0) + r.count)
  const out = new Map<number, ResponseRate>()
  for (const id of new Set([...returned.keys(), ...channels.keys()])) out.set(id, keptRate(returned.get(id) ?? 0, channels.get(id) ?? NONE))
  return out
}

const NONE: Record<string, number> = Object.freeze({})
const rateMemo = new WeakMap<Record<string, number>, ResponseRate>()
/** One agency's rate, the same object while its kept channel counts and dossiers stay the same. */
function keptRate(dossiers: number, channels: Record<string, number>) {
  const kept = rateMemo.get(channels)
  if (kept && kept.dossiers === dossiers) return kept
  const rate = responseRate(dossiers, channels)
  if (Object.isFrozen(channels)) rateMemo.set(channels, rate)
  return rate
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
