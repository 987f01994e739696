import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { DomainError, invalid, issue } from '../domain/errors.ts'
import { importResponses } from '../imports/responses-import.ts'
import { ImportRejected } from '../imports/row-issues.ts'
import { csrf } from '../middleware/csrf/index.ts'
import { requireStaff } from '../middleware/session/index.ts'
import { validate } from '../middleware/validate/index.ts'

const MAX_UPLOAD = 50 * 1024 * 1024

/**
 * Paper entry in the browser: upload the responses CSV or XLSX, see every row's problems (preview,
 * `?dryRun=1`), then import all rows or none. Managers may enter only their own agencies' forms.
 */
export function adminImportRoutes(deps: AppDeps) {
  return new Hono().post(
    '/responses',
    requireStaff(deps.db, deps.clock, ['admin', 'manager']),
    csrf(),
    bodyLimit({ maxSize: MAX_UPLOAD, onError: () => { throw new DomainError('too_large', 'body_too_large', { vi: 'Tệp quá lớn (tối đa 50 MB)', en: 'The file is too large (50 MB at most)' }) } }),
    validate('query', z.object({ dryRun: z.enum(['0', '1']).optional() }).strict()),
    async (c) => {
      const file = (await c.req.parseBody())['file']
      if (!(file instanceof File) || !/\.(csv|xlsx)$/i.test(file.name))
        throw invalid([issue('file', 'required', 'Chọn tệp CSV hoặc XLSX', 'Choose a CSV or XLSX file')])
      const dryRun = c.req.valid('query').dryRun === '1'
      try {
        const summary = await importResponses(deps.db, { name: file.name, data: new Uint8Array(await file.arrayBuffer()) }, {
          timeZone: deps.timeZone,
          clock: deps.clock,
          catalog: deps.catalog,
          agencyScope: c.var.staff.scope,
          dryRun,
          actor: `user:${c.var.staff.username}`,
        })
        return c.json({ dryRun, ...summary, rows: [] })
      } catch (e) {
        // The preview shows every row's problems in a table; the refusal is still a 400 with details.
        if (e instanceof ImportRejected) return c.json({ error: { code: e.code, message: e.text, details: e.details, requestId: c.get('requestId') }, dryRun, imported: 0, alreadyPresent: 0, rejected: e.rejectedRows, rows: e.rows }, 400)
        throw e
      }
    },
  )
}
