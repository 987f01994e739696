import fs from 'node:fs'
import type { ParseArgsConfig } from 'node:util'
import { boot } from '../../server/boot.ts'
import { readEnv } from '../../server/env.ts'
import { systemClock } from '../../server/lib/clock.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { parsePeriod, quartersOf } from '../../server/domain/periods.ts'
import { audit, verifyAuditChain } from '../../server/audit/service.ts'
import { UsageError } from './usage-error.ts'
import { progress } from './progress.ts'

// Each command imports the modules of its own work when it runs: through tsx every module loaded costs
// start-up time and resident memory, and `export responses` over a million rows must not carry exceljs,
// the report service or the importers it never calls.

export interface Command {
  args: string
  help: string
  options?: ParseArgsConfig['options']
  run(args: { values: Record<string, string | boolean | undefined>; positionals: string[] }): Promise<number>
}

function fileArg(positionals: string[]): string {
  const file = positionals[0]
  if (!file) throw new UsageError('Thiếu tên tệp / FILE is missing')
  if (!fs.existsSync(file)) throw new UsageError(`Không có tệp / No such file: ${file}`)
  return file
}

type Opened = Awaited<ReturnType<typeof boot>> & { env: ReturnType<typeof readEnv> }

/** Opens the configured database (migrated, definitions published), runs `work`, closes it. */
async function withDatabase<T>(work: (ctx: Opened) => Promise<T>): Promise<T> {
  const env = readEnv()
  const opened = await boot(env)
  try {
    return await work({ ...opened, env })
  } finally {
    await opened.close()
  }
}

/** A command on one FILE: the file is checked before the database is opened. */
const onFile =
  (work: (file: string, ctx: Opened) => Promise<number>): Command['run'] =>
  ({ positionals }) => {
    const file = fileArg(positionals)
    return withDatabase((ctx) => work(file, ctx))
  }

export const commands: Record<string, Command> = {
  migrate: {
    args: '',
    help: 'Cập nhật cấu trúc cơ sở dữ liệu / bring the database schema up to date',
    run: () =>
      withDatabase(async ({ migrated, published }) => {
        console.log(`migrated: ${migrated.length ? migrated.join(', ') : 'already up to date'}; surveys published: ${published.length ? published.join(', ') : 'none new'}`)
        return 0
      }),
  },
  'agencies import': {
    args: 'FILE',
    help: 'Tạo hoặc cập nhật cơ quan từ CSV (code,name,parent,kind) / create or update agencies from CSV',
    run: onFile(async (file, { db }) => {
      const { importAgencies } = await import('../../server/agencies/import.ts')
      const s = await importAgencies(db, { path: file }, systemClock, 'cli')
      console.log(`agencies: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`)
      return 0
    }),
  },
  'responses import': {
    args: 'FILE',
    help: 'Nhập phiếu giấy từ CSV hoặc XLSX, tất cả hoặc không / paper-entry import from CSV or XLSX, all rows or none',
    run: onFile(async (file, { db, env }) => {
      const { importResponses } = await import('../../server/imports/responses-import.ts')
      const bar = progress('responses import')
      try {
        const s = await importResponses(
          db,
          { path: file },
          {
            timeZone: env.HAILONG_TZ,
            clock: systemClock,
            catalog: new SurveyCatalog(db),
            actor: 'cli',
            onProgress: (n, phase) => bar.tick(n, phase === 'check' ? 'kiểm tra/check' : 'ghi/write'),
          },
        )
        bar.done()
        console.log(`imported ${s.imported}, already present ${s.alreadyPresent}, rejected ${s.rejected}`)
        return 0
      } finally {
        bar.done()
      }
    }),
  },
  report: {
    args: '--survey ID --period PERIOD [--format json|csv|xlsx] [--out FILE] [--min-sample N]',
    help: 'Báo cáo chỉ số hài lòng của một phiếu trong một kỳ (2026-Q1 hoặc 2026) / the satisfaction report for one survey and period',
    options: { survey: { type: 'string' }, period: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, 'min-sample': { type: 'string' } },
    run: ({ values }) => {
      const survey = values.survey as string | undefined
      if (!survey) throw new UsageError('Thiếu --survey / --survey is required (mot-cua, sipas-2017, tt01-2018)')
      if (!values.period) throw new UsageError('Thiếu --period / --period is required (2026-Q1 or 2026)')
      const period = parsePeriod(values.period as string)
      const format = (values.format as string | undefined) ?? 'json'
      if (!['json', 'csv', 'xlsx'].includes(format)) throw new UsageError(`--format phải là json, csv hoặc xlsx / --format must be json, csv or xlsx: ${format}`)
      if (format !== 'json' && !values.out) throw new UsageError(`--format ${format} cần --out FILE / needs --out FILE`)
      const minSample = values['min-sample'] === undefined ? undefined : Number(values['min-sample'])
      if (minSample !== undefined && !(Number.isInteger(minSample) && minSample > 0)) throw new UsageError('--min-sample phải là số nguyên dương / must be a positive whole number')
      return withDatabase(async ({ db, env }) => {
        const { officialReport } = await import('../../server/periods/service.ts')
        const catalog = new SurveyCatalog(db)
        // A closed quarter prints its frozen snapshot, exactly as the dashboard shows it.
        const { report } = await officialReport(db, catalog, {
          instrument: survey,
          period,
          timeZone: env.HAILONG_TZ,
          minSample: minSample ?? env.HAILONG_MIN_SAMPLE,
          defaultMinSample: env.HAILONG_MIN_SAMPLE,
        })
        const text = JSON.stringify(report, null, 2) + '\n'
        if (values.out) {
          const { instrumentRules } = await import('../../server/reports/service.ts')
          const { definition } = await instrumentRules(db, catalog, survey, quartersOf(period))
          if (format === 'csv') fs.writeFileSync(values.out as string, (await import('../../server/exports/report-csv.ts')).reportCsv(report, definition))
          else if (format === 'xlsx') {
            const { overallScope } = await import('../../server/agencies/service.ts')
            const wholeScope = await overallScope(db)
            fs.writeFileSync(
              values.out as string,
              await (await import('../../server/exports/report-xlsx.ts')).reportXlsx(report, definition, { generatedAt: new Date(), user: 'cli', wholeScope }),
            )
          } else fs.writeFileSync(values.out as string, text)
          await audit(db, { actor: 'cli', action: 'report.export', target: `report:${report.survey}/${report.period}`, details: { format } }, new Date())
          console.log(`report ${report.survey} ${report.period}: ${report.units.length} agencies, n = ${report.overall.n} → ${values.out}`)
        } else process.stdout.write(text)
        return 0
      })
    },
  },
  'export responses': {
    args: '--period PERIOD [--survey ID] [--format csv|xlsx] [--clear] --out FILE',
    help: 'Xuất phiếu gốc đã ẩn danh theo định dạng nhập, dữ liệu cá nhân trong góp ý được che (--clear: giữ nguyên) / anonymised raw responses in the import format, personal data in comments masked (--clear keeps it)',
    options: { period: { type: 'string' }, survey: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' }, clear: { type: 'boolean' } },
    run: ({ values }) => {
      if (!values.period) throw new UsageError('Thiếu --period / --period is required (2026-Q1 or 2026)')
      if (!values.out) throw new UsageError('Thiếu --out / --out FILE is required')
      const format = (values.format as string | undefined) ?? (String(values.out).toLowerCase().endsWith('.xlsx') ? 'xlsx' : 'csv')
      if (format !== 'csv' && format !== 'xlsx') throw new UsageError('--format phải là csv hoặc xlsx / --format must be csv or xlsx')
      const period = parsePeriod(values.period as string)
      return withDatabase(async ({ db, env }) => {
        const { exportResponses } = await import('../../server/exports/responses-export.ts')
        const bar = progress('export responses')
        const s = await exportResponses(db, new SurveyCatalog(db), {
          period,
          instrument: values.survey as string | undefined,
          timeZone: env.HAILONG_TZ,
          format,
          out: values.out as string,
          maskPersonalData: !values.clear,
          onProgress: (n) => bar.tick(n),
        })
        bar.done()
        await audit(
          db,
          {
            actor: 'cli',
            action: 'responses.export',
            target: `period:${values.period}`,
            details: { format, survey: values.survey ?? null, rows: s.rows, clear: Boolean(values.clear) },
          },
          new Date(),
        )
        console.log(`exported ${s.rows} responses, ${s.columns} columns → ${values.out}`)
        return 0
      })
    },
  },
  backup: {
    args: 'FILE',
    help: 'Sao lưu trực tuyến cơ sở dữ liệu SQLite khi máy chủ đang chạy (PostgreSQL: dùng pg_dump) / online SQLite backup while the server runs',
    run: async ({ positionals }) => (await import('./backup.ts')).backupCommand(positionals),
  },
  'comments retention': {
    args: '[--years N|off]',
    help: 'Xoá nội dung góp ý cũ hơn N năm (điểm đánh giá giữ nguyên); --years đổi thời hạn trước khi chạy / remove comment text older than N years (ratings stay); --years sets the period first',
    options: { years: { type: 'string' } },
    run: ({ values }) =>
      withDatabase(async ({ db }) => {
        const { applyCommentRetention, setPrivacySettings } = await import('../../server/privacy/service.ts')
        if (values.years !== undefined) {
          const years = values.years === 'off' ? null : Number(values.years)
          if (years !== null && !(Number.isInteger(years) && years >= 1 && years <= 50))
            throw new UsageError('--years phải là số nguyên 1–50 hoặc off / --years must be a whole number 1–50 or off')
          await setPrivacySettings(db, { commentYears: years }, 'cli', systemClock.now())
        }
        const r = await applyCommentRetention(db, 'cli', systemClock.now())
        if (r.commentYears === null) console.log('comments retention: off (nothing removed; set it with --years N)')
        else console.log(`comments retention: ${r.commentYears} years, removed the text of ${r.cleared} answers submitted before ${r.cutoff}`)
        return 0
      }),
  },
  'rollups rebuild': {
    args: '',
    help: 'Tính lại toàn bộ số liệu tổng hợp từ phiếu gốc / recompute every rollup from the raw responses',
    run: () =>
      withDatabase(async ({ db, env }) => {
        const { rebuildRollups } = await import('../../server/rollups/rebuild.ts')
        const bar = progress('rollups rebuild')
        const s = await rebuildRollups(db, new SurveyCatalog(db), env.HAILONG_TZ, (n) => bar.tick(n))
        bar.done()
        console.log(`rollups rebuilt: ${s.responses} responses, ${s.cells} cells, ${s.requartered} moved to another quarter`)
        return 0
      }),
  },
  'users add': {
    args: 'USERNAME --role admin|manager|viewer [--agency CODE] [--home-agency CODE] [--name "Họ tên"] [--password P]',
    help: 'Tạo tài khoản cán bộ (mật khẩu ngẫu nhiên nếu không nhập) / create a staff account (random password unless given)',
    options: { role: { type: 'string' }, agency: { type: 'string' }, 'home-agency': { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
    run: ({ values, positionals }) => {
      const username = positionals[0]
      if (!username) throw new UsageError('Thiếu tên đăng nhập / USERNAME is missing')
      const role = values.role as string | undefined
      if (role !== 'admin' && role !== 'manager' && role !== 'viewer') throw new UsageError('--role phải là admin, manager hoặc viewer / --role must be admin, manager or viewer')
      return withDatabase(async ({ db }) => {
        const { findAgencyByCode } = await import('../../server/agencies/repository.ts')
        const { createUser } = await import('../../server/auth/service.ts')
        const { generatePassword } = await import('../../server/auth/password.ts')
        let agencyId: number | null = null
        if (values.agency) {
          const agency = await findAgencyByCode(db, values.agency as string)
          if (!agency) throw new UsageError(`Không có cơ quan mã / no agency with code ${values.agency}`)
          agencyId = agency.id
        }
        // The agency the person works for: it decides which exclusions they may approve (conflict of interest).
        let homeAgencyId: number | null = agencyId
        if (values['home-agency']) {
          const home = await findAgencyByCode(db, values['home-agency'] as string)
          if (!home) throw new UsageError(`Không có cơ quan mã / no agency with code ${values['home-agency']}`)
          homeAgencyId = home.id
        }
        const password = (values.password as string | undefined) ?? generatePassword()
        await createUser(db, { username, displayName: values.name as string | undefined, password, role, agencyId, homeAgencyId, actor: 'cli' }, systemClock.now())
        console.log(
          `user ${username.toLowerCase()} created (${role}${values.agency ? `, ${values.agency}` : ', toàn tỉnh/province'})${values.password ? '' : `; mật khẩu/password: ${password}`}`,
        )
        return 0
      })
    },
  },
  'audit verify': {
    args: '',
    help: 'Kiểm tra chuỗi băm của nhật ký kiểm toán / check the audit log hash chain',
    run: () =>
      withDatabase(async ({ db }) => {
        const result = await verifyAuditChain(db)
        if (result.ok) {
          console.log(`audit log intact: ${result.entries} entries`)
          return 0
        }
        console.log(`audit log BROKEN at entry ${result.brokenAt}: ${result.reason}`)
        return 1
      }),
  },
}
