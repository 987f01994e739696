import fs from 'node:fs'
import type { ParseArgsConfig } from 'node:util'
import { importAgencies } from '../../server/agencies/import.ts'
import { boot } from '../../server/boot.ts'
import { readEnv } from '../../server/env.ts'
import { importResponses } from '../../server/imports/responses-import.ts'
import { systemClock } from '../../server/lib/clock.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { UsageError } from './usage-error.ts'
import { progress } from './progress.ts'

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

/** Opens the configured database (migrated, definitions published), runs `work`, closes it. */
async function withDatabase<T>(work: (ctx: Awaited<ReturnType<typeof boot>> & { env: ReturnType<typeof readEnv> }) => Promise<T>): Promise<T> {
  const env = readEnv()
  const opened = await boot(env)
  try {
    return await work({ ...opened, env })
  } finally {
    await opened.close()
  }
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
    run: ({ positionals }) => {
      const file = fileArg(positionals)
      return withDatabase(async ({ db }) => {
        const s = await importAgencies(db, { path: file }, systemClock)
        console.log(`agencies: ${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged`)
        return 0
      })
    },
  },
  'responses import': {
    args: 'FILE',
    help: 'Nhập phiếu giấy từ CSV hoặc XLSX, tất cả hoặc không / paper-entry import from CSV or XLSX, all rows or none',
    run: ({ positionals }) => {
      const file = fileArg(positionals)
      return withDatabase(async ({ db, env }) => {
        const bar = progress('responses import')
        try {
          const s = await importResponses(db, { path: file }, {
            timeZone: env.HAILONG_TZ,
            clock: systemClock,
            catalog: new SurveyCatalog(db),
            onProgress: (n, phase) => bar.tick(n, phase === 'check' ? 'kiểm tra/check' : 'ghi/write'),
          })
          bar.done()
          console.log(`imported ${s.imported}, already present ${s.alreadyPresent}, rejected ${s.rejected}`)
          return 0
        } finally {
          bar.done()
        }
      })
    },
  },
}
