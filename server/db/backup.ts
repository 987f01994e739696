import fs from 'node:fs'
import path from 'node:path'
import SQLite from 'better-sqlite3'

export interface BackupResult {
  file: string
  pages: number
  bytes: number
}

/**
 * An online backup of a SQLite database through SQLite's backup API, safe while the server is writing:
 * all pages are copied in one step, that is in one read transaction, so the copy is one consistent
 * moment (WAL lets the server keep committing meanwhile; in small steps every commit by the server would
 * restart the copy). It is written beside the target and renamed into place only once complete and
 * checked, so a file at the target name is always a whole backup.
 */
export async function backupSqlite(source: SQLite.Database, target: string): Promise<BackupResult> {
  const file = path.resolve(target)
  if (source.name && path.resolve(source.name) === file) throw new Error('Tệp sao lưu trùng với cơ sở dữ liệu / the backup file is the database itself')
  const partial = `${file}.partial-${process.pid}`
  fs.rmSync(partial, { force: true })
  try {
    const { totalPages } = await source.backup(partial, { progress: () => 0x7fffffff })
    const copy = new SQLite(partial)
    try {
      const check = copy.pragma('quick_check', { simple: true })
      if (check !== 'ok') throw new Error(`Bản sao lỗi / the copy is damaged: ${String(check)}`)
      // The copy keeps the source's WAL mode in its header; leave it a single self-contained file.
      copy.pragma('journal_mode = DELETE')
    } finally {
      copy.close()
    }
    // Journal files of an older backup under the same name would be applied to the new one.
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
    fs.renameSync(partial, file)
    return { file, pages: totalPages, bytes: fs.statSync(file).size }
  } catch (e) {
    fs.rmSync(partial, { force: true })
    throw e
  }
}
