import fs from 'node:fs'
import path from 'node:path'
import { backupSqlite } from '../../server/db/backup.ts'
import { isPostgresUrl, openDatabase } from '../../server/db/database.ts'
import { readEnv } from '../../server/env.ts'
import { UsageError } from './usage-error.ts'

/**
 * `hailong backup FILE`: SQLite's online backup of the configured database, safe while the server runs.
 * It only reads: no migration, no publishing, nothing that would change the database being copied.
 */
export async function backupCommand(positionals: string[]): Promise<number> {
  const target = positionals[0]
  if (!target) throw new UsageError('Thiếu tên tệp sao lưu / FILE is missing')
  const env = readEnv()
  if (isPostgresUrl(env.DATABASE_URL)) {
    console.error(
      [
        'Trên PostgreSQL, hãy sao lưu bằng pg_dump (bản chụp nhất quán trong khi các máy chủ vẫn chạy):',
        'On PostgreSQL, back up with pg_dump (a consistent snapshot while the nodes keep serving):',
        '  pg_dump --format=custom --file=FILE "$DATABASE_URL"',
        '  pg_restore --dbname=… FILE',
      ].join('\n'),
    )
    return 1
  }
  const source = env.DATABASE_URL.replace(/^sqlite:(\/\/)?/, '')
  if (source === ':memory:' || !fs.existsSync(source)) throw new UsageError(`Không có cơ sở dữ liệu / No database at ${path.resolve(source)}`)
  if (!fs.existsSync(path.dirname(path.resolve(target)))) throw new UsageError(`Không có thư mục / No such directory: ${path.dirname(path.resolve(target))}`)
  const opened = await openDatabase(source)
  try {
    const started = Date.now()
    const result = await backupSqlite(opened.sqlite!, target)
    console.log(`backup ${path.resolve(source)} → ${result.file}: ${result.pages} pages, ${(result.bytes / 1048576).toFixed(1)} MB in ${Date.now() - started} ms`)
    return 0
  } finally {
    await opened.close()
  }
}
