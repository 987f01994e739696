/** Shapes of the report and dashboard APIs as the web app reads them. */
// The report's own types, shared with the server (type-only: nothing of the server is bundled).
import type { Report as ServerReport, UnitReport } from '../../server/domain/report-types.ts'

export type Report = ServerReport
export type Unit = UnitReport
export type Figures = ServerReport['overall']

export interface Meta {
  currentQuarter: string
  quarters: string[]
  instruments: Array<{ id: string; title: { vi: string; en: string } }>
  minSample: number
  agencies: Array<{ code: string; name: string; kind: Unit['kind']; parent: string | null }>
}
export interface TrendPoint {
  period: string
  n: number
  index: number | null
  ci95: [number, number] | null
  sufficient: boolean
}
