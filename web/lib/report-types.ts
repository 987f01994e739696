/** Shapes of the report and dashboard APIs as the web app reads them. */
// The report's own types, shared with the server (type-only: nothing of the server is bundled).
import type { Report as ServerReport, UnitReport } from '../../server/domain/report-types.ts'
import type { client, Res } from './client.ts'

export type Report = ServerReport
export type Unit = UnitReport
export type Figures = ServerReport['overall']

/** What the dashboard's filters are built from (`GET /api/v1/dashboard/meta`), typed by the route. */
export type Meta = Res<typeof client.api.v1.dashboard.meta.$get>
/** One quarter of a trend line (`GET /api/v1/dashboard/trend/:survey`). */
export type TrendPoint = Res<(typeof client.api.v1.dashboard.trend)[':survey']['$get']>['points'][number]
