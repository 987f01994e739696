// Raw response exports through the CLI, in a child process of their own so peak memory is theirs alone.
import path from 'node:path'
import { openDatabase } from '../../server/db/database.ts'
import { listRollupQuarters } from '../../server/rollups/repository.ts'
import { fmt, generatedDatabase, ROOT, row, timed, type Bench, type Row, type Section } from './lib.ts'

export const exports: Section = {
  name: 'exports',
  async run(bench: Bench): Promise<Row[]> {
    const rows: Row[] = []
    const size = bench.quick ? 100_000 : 1_000_000
    const file = await generatedDatabase(bench, size)
    const { db, close } = await openDatabase(file)
    const year = (await listRollupQuarters(db))[0]!.slice(0, 4)
    await close()
    for (const format of ['csv', 'xlsx'] as const) {
      const out = path.join(bench.work, `export.${format}`)
      const r = await timed([path.join(ROOT, 'scripts/hailong.mjs'), 'export', 'responses', '--period', year, '--format', format, '--out', out], { DATABASE_URL: file })
      const exported = /exported (\d+)/.exec(r.stdout)?.[1] ?? '?'
      const [secs, mb] = format === 'csv' ? [20, 256] : [90, 512]
      const scaled = size === 1_000_000 ? '' : ` (${exported} rows; targets are for 1M)`
      rows.push(
        row(
          'Export',
          `${format.toUpperCase()} of ${Number(exported).toLocaleString('en-US')} responses: seconds / peak RSS MB${scaled}`,
          `${fmt(r.seconds)} / ${fmt(r.peakMb, 0)}`,
          `≤ ${secs} s, ≤ ${mb} MB`,
          r.seconds <= secs && r.peakMb <= mb,
        ),
      )
    }
    return rows
  },
}
