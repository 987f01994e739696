import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { importResponses, PAPER_IMPORT_LIMITS } from '../imports/responses-import.ts'
import { ImportRejected } from '../imports/row-issues.ts'
import { importTemplate } from '../imports/template.ts'
import { invalid, issue } from '../domain/errors.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { receiveFile } from '../middleware/upload/index.ts'
import { validate } from '../middleware/validate/index.ts'
import { staffActor } from '../auth/scope.ts'

/**
 * Paper entry in the browser: upload the responses CSV or XLSX, see every row's problems (preview,
 * `?dryRun=1`), then import all rows or none. Managers may enter only their own agencies' forms.
 */
export function adminImportRoutes(deps: AppDeps) {
  const editor = requireStaff(deps.db, deps.clock, ['admin', 'manager'])
  const templateOf = async (key: string) => {
    const version = await deps.catalog.byKey(key)
    if (!version || version.status === 'draft') throw invalid([issue('survey', 'unknown_survey', `Không có phiếu khảo sát ${key}`, `No survey ${key}`)])
    return importTemplate(version.definition, version.key)
  }
  const Survey = z.object({ survey: z.string().regex(/^[a-z0-9][a-z0-9_-]*@[1-9][0-9]{0,5}$/) }).strict()
  return (
    new Hono()
      // The file to fill in, with every column explained in plain words (the page shows the same table).
      .get('/responses/template', editor, validate('query', Survey), async (c) => c.json(await templateOf(c.req.valid('query').survey)))
      .get('/responses/template.csv', editor, validate('query', Survey), async (c) => {
        const { header } = await templateOf(c.req.valid('query').survey)
        c.header('Content-Disposition', `attachment; filename="mau-nhap-phieu-${c.req.valid('query').survey.replace('@', '-v')}.csv"`)
        // With a BOM so Excel opens the Vietnamese as UTF-8.
        return c.body(`\ufeff${header.join(',')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' })
      })
      .post(
        '/responses',
        requireStaff(deps.db, deps.clock, ['admin', 'manager']),
        csrf(),
        validate('query', z.object({ dryRun: z.enum(['0', '1']).optional() }).strict()),
        async (c) => {
          const dryRun = c.req.valid('query').dryRun === '1'
          const file = await receiveFile(c, {
            maxBytes: PAPER_IMPORT_LIMITS.maxBytes,
            accept: /\.(csv|xlsx)$/i,
            choose: { vi: 'Chọn tệp CSV hoặc XLSX', en: 'Choose a CSV or XLSX file' },
          })
          try {
            const summary = await importResponses(
              deps.db,
              { path: file.path, name: file.name },
              {
                timeZone: deps.timeZone,
                clock: deps.clock,
                catalog: deps.catalog,
                agencyScope: c.var.staff.scope,
                dryRun,
                actor: staffActor(c.var.staff),
                maxRows: PAPER_IMPORT_LIMITS.maxRows,
              },
            )
            return c.json({ dryRun, ...summary, rows: [] })
          } catch (e) {
            // The preview shows every row's problems in a table; the refusal is still a 400 with details.
            if (e instanceof ImportRejected)
              return c.json(
                {
                  error: { code: e.code, message: e.text, details: e.details, requestId: c.get('requestId') },
                  dryRun,
                  imported: 0,
                  alreadyPresent: 0,
                  rejected: e.rejectedRows,
                  rows: e.rows,
                },
                400,
              )
            throw e
          } finally {
            await file.discard()
          }
        },
      )
  )
}
