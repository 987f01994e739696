import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { staffActor } from '../auth/scope.ts'
import { parsePeriod, quartersOf } from '../domain/periods.ts'
import { audit } from '../audit/service.ts'
import { reportCsv } from '../exports/report-csv.ts'
import { reportXlsx } from '../exports/report-xlsx.ts'
import { validate } from '../middleware/validate/index.ts'
import { instrumentRules, type Report } from '../reports/service.ts'
import { reportBytes } from '../reports/report-text.ts'
import { firstOfRanking } from '../domain/ranking.ts'
import { agencyDirectory, overallScope } from '../agencies/service.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { heatMap } from '../patterns/service.ts'
import { AgencyKind, Channel } from '../domain/vocabulary-schemas.ts'
import { officialReport } from '../periods/service.ts'

const Query = z
  .object({
    channel: Channel.optional(),
    kind: AgencyKind.optional(),
    minSample: z.coerce.number().int().min(1).max(100_000).optional(),
  })
  .strict()

/** The report's own query: `top` sends a first page of the ranking (the dashboard's first screen draws 100 rows of thousands). */
const ReportQuery = Query.extend({
  top: z.coerce.number().int().min(1).max(10_000).optional(),
  /** Only this agency's row of the ranking (the agency page shows its rank, not the national table). */
  agency: z.string().min(1).max(64).optional(),
}).strict()

// A computed report is shared and frozen until the data changes, and the Ministry-wide one is megabytes of
// JSON: written once per report, not once per request.
const texts = new WeakMap<Report, Uint8Array<ArrayBuffer>>()
const serialized = (report: Report) => texts.get(report) ?? texts.set(report, reportBytes(report)).get(report)!
// A first page's text, per report and page size (unchanged units' bytes are reused by reportBytes).
const firstPages = new WeakMap<Report, Map<number, Uint8Array<ArrayBuffer>>>()
// When nothing is left out, the first page is the whole report (no unitTotals: the page need not ask again).
const firstPage = (report: Report, top: number): Report => {
  const { units, totals } = firstOfRanking(report.units, top)
  return units.length === report.units.length ? report : { ...report, units, unitTotals: totals }
}
/** A copy of the report with only some agencies' rows (the computed one is shared with every other caller). */
const onlyAgencies = (report: Report, keep: (code: string) => boolean): Report => ({
  ...report,
  units: report.units.filter((u) => keep(u.agency)),
  parents: report.parents.filter((p) => keep(p.agency)),
})
const firstPageText = (report: Report, page: Report, top: number) => {
  const pages = firstPages.get(report) ?? firstPages.set(report, new Map()).get(report)!
  return pages.get(top) ?? pages.set(top, reportBytes(page)).get(top)!
}

/** The satisfaction report for one instrument and one period (`2026-Q1` or `2026`), for signed-in staff. */
export function reportRoutes(deps: AppDeps) {
  const staff = requireStaff(deps.db, deps.clock)
  /** The report as the signed-in user may see it: province figures are published, agency rows scoped. */
  const scopedReport = async (c: Context, survey: string, period: string, q: z.infer<typeof Query>) => (await reportOf(c, survey, period, q)).report
  /**
   * A closed quarter's report as published (unfiltered) is its frozen snapshot, byte for byte. `raw` is the
   * report's text (the stored one for a snapshot) when the user may see all of it. Filtered views of a
   * closed quarter read its frozen counters. `raw` is a function: a first page never needs the whole text.
   */
  const reportOf = async (c: Context, survey: string, period: string, q: z.infer<typeof Query>): Promise<{ report: Report; raw?: () => string | Uint8Array<ArrayBuffer> }> => {
    const { report, snapshot } = await officialReport(deps.db, deps.catalog, {
      instrument: survey,
      period: parsePeriod(period),
      timeZone: deps.timeZone,
      minSample: q.minSample ?? deps.minSample,
      defaultMinSample: deps.minSample,
      channel: q.channel,
      kind: q.kind,
    })
    if (snapshot) c.header('X-Hailong-Snapshot', `${snapshot.version}:${snapshot.hash}`)
    const scope = c.var.staff.scope
    if (scope) {
      const codes = new Set((await agencyDirectory(deps.db)).filter((a) => scope.has(a.id)).map((a) => a.code))
      return { report: onlyAgencies(report, (code) => codes.has(code)) }
    }
    return { report, raw: () => snapshot?.content ?? serialized(report) }
  }
  const exported = async (c: Context, report: Report, format: string) => {
    await audit(
      deps.db,
      { actor: staffActor(c.var.staff), action: 'report.export', target: `report:${report.survey}/${report.period}`, details: { format, filters: report.filters } },
      deps.clock.now(),
    )
    c.header('Content-Disposition', `attachment; filename="hailong-${report.survey}-${report.period}.${format}"`)
  }
  return new Hono()
    .get('/:survey/:period', staff, validate('query', ReportQuery), async (c) => {
      const { top, agency, ...q } = c.req.valid('query')
      const { report, raw } = await reportOf(c, c.req.param('survey'), c.req.param('period'), q)
      if (agency !== undefined) return c.json(onlyAgencies(report, (code) => code === agency))
      const page = top === undefined ? report : firstPage(report, top)
      if (!raw) return c.json(page)
      // The same Report as text (the frozen snapshot as stored); typed so, so the typed client reads one shape.
      const text = page === report ? raw() : firstPageText(report, page, top!)
      return c.body(text, 200, { 'Content-Type': 'application/json; charset=utf-8' }) as unknown as ReturnType<typeof c.json<Report>>
    })
    .get('/:survey/:period/export.csv', staff, validate('query', Query), async (c) => {
      const report = await scopedReport(c, c.req.param('survey'), c.req.param('period'), c.req.valid('query'))
      const { definition } = await instrumentRules(deps.db, deps.catalog, report.survey, quartersOf(parsePeriod(report.period)))
      await exported(c, report, 'csv')
      return c.body(reportCsv(report, definition), 200, { 'Content-Type': 'text/csv; charset=utf-8' })
    })
    .get('/:survey/:period/export.xlsx', staff, validate('query', Query), async (c) => {
      const report = await scopedReport(c, c.req.param('survey'), c.req.param('period'), c.req.valid('query'))
      const { definition } = await instrumentRules(deps.db, deps.catalog, report.survey, quartersOf(parsePeriod(report.period)))
      await exported(c, report, 'xlsx')
      const heat =
        definition.index.method === 'share' && definition.index.headline
          ? await heatMap(deps, c.var.staff, { survey: report.survey, period: report.period, channel: report.filters.channel ?? undefined })
          : undefined
      const body = await reportXlsx(report, definition, { generatedAt: deps.clock.now(), user: c.var.staff.username, heatMap: heat, wholeScope: await overallScope(deps.db) })
      return c.body(new Uint8Array(body), 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
    })
}
