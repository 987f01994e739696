import type { IndexResult } from './indices.ts'
import type { RankingTotals } from './ranking.ts'
import type { ResponseRate } from './response-rate.ts'
import type { IndexRules } from './survey-definition.ts'
import type { AgencyKind, Channel } from './vocabulary.ts'

/** The shapes of the Report JSON and the officer reports: the server builds them, the web app reads them. */

export type Figures = Pick<IndexResult, 'n' | 'index' | 'ci95' | 'elements' | 'criteria' | 'criteriaN' | 'expectations' | 'expectationsN' | 'reasons' | 'reasonsN'>

export interface UnitReport extends Figures {
  agency: string
  name: string
  kind: AgencyKind
  parent: string | null
  sufficient: boolean
  rank: number | null
  previousRank: number | null
  rankChange: number | null
  previousIndex: number | null
  indexChange: number | null
  /** Rank among agencies of the same kind (departments apart from communes). */
  rankInKind: number | null
  /** Evaluations ÷ dossiers returned (dossier events of the one-stop software). */
  responseRate: ResponseRate
  /** Ratings taken out of the index by an approved exclusion, by reason (only reasons that occur). */
  excluded: Record<string, number>
}

export interface Report {
  survey: string
  period: string
  timezone: string
  minSample: number
  method: IndexRules['method']
  /** The survey versions whose answers the period counts. */
  versions: string[]
  filters: { channel: Channel | null; kind: AgencyKind | null }
  /** `responseRate` counts only the agencies that returned dossiers in the period. */
  overall: Figures & { responseRate: ResponseRate }
  units: UnitReport[]
  /** Parent agencies other than the province: their own answers plus their sub-agencies'. */
  parents: Array<Figures & { agency: string; name: string; kind: AgencyKind }>
  /** Excluded ratings of the whole report, by reason. */
  excluded: Record<string, number>
  /**
   * Present when `units` holds only a first page (`?top=N`: the first N ranked units, then the first N below
   * the minimum sample): how many each table has in all.
   */
  unitTotals?: RankingTotals
}

export interface Tt01Figures {
  /** evaluations counted */
  n: number
  sufficient: boolean
  /** indicator id → mean points rounded to one decimal (null below the minimum sample or not evaluated) */
  indicators: Record<string, number | null>
  indicatorsN: Record<string, number>
  /** sum of the rounded indicator scores */
  total: number | null
}

export interface OfficerResult {
  id: number
  code: string
  displayName: string | null
  agency: { code: string; name: string }
  responseRate: ResponseRate
  tt01: Tt01Figures
  /** the quick rating's `staff` question: share satisfied (4 or 5) */
  staff: { n: number; sufficient: boolean; share: number | null; ci95: [number, number] | null }
}

export interface OneStopReport {
  period: string
  minSample: number
  indicators: string[]
  agencies: Array<{ code: string; name: string; responseRate: ResponseRate; tt01: Tt01Figures }>
  officers: OfficerResult[]
}
