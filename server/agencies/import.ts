import type { Db } from '../db/types.ts'
import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import type { AgencyKind } from '../db/schema.ts'
import { nfc } from '../domain/text.ts'
import type { Clock } from '../lib/clock.ts'
import { readTable, type TableSource } from '../imports/table-reader.ts'
import { ImportRejected, requireHeader, rowIssue, type RowIssue } from '../imports/row-issues.ts'
import { insertAgency, listAgencies, updateAgency } from './repository.ts'

const KINDS: AgencyKind[] = ['province', 'department', 'commune', 'other']
export const AGENCY_COLUMNS = ['code', 'name', 'parent', 'kind'] as const
export const AGENCY_CODE = /^[A-Za-z0-9_-]{1,64}$/

interface AgencyRow {
  row: number
  code: string
  name: string
  parent: string
  kind: AgencyKind
}

/**
 * Creates or updates agencies from the agencies CSV (code,name,parent,kind). Parents may come later in
 * the file or already exist; all rows or none.
 */
export async function importAgencies(db: Db, source: TableSource, clock: Clock, actor: string) {
  const issues: RowIssue[] = []
  const rows: AgencyRow[] = []
  let header: string[] | null = null
  for await (const { row, cells } of readTable(source)) {
    if (!header) {
      header = cells.map((c) => c.trim().toLowerCase())
      issues.push(...requireHeader(row, header, [...AGENCY_COLUMNS]))
      if (issues.length) break
      continue
    }
    const get = (col: string) => nfc(cells[header!.indexOf(col)] ?? '').trim()
    const r = { row, code: get('code'), name: get('name'), parent: get('parent'), kind: get('kind') as AgencyKind }
    if (!AGENCY_CODE.test(r.code)) issues.push(rowIssue(row, 'code', 'invalid_code', 'Mã chỉ gồm chữ, số, "-" và "_" (tối đa 64)', 'Code must be letters, digits, "-" or "_" (at most 64)'))
    else if (rows.some((x) => x.code === r.code)) issues.push(rowIssue(row, 'code', 'duplicate_code', `Mã ${r.code} xuất hiện hai lần`, `Code ${r.code} appears twice`))
    if (!r.name || r.name.length > 200) issues.push(rowIssue(row, 'name', 'invalid_name', 'Tên bắt buộc, tối đa 200 ký tự', 'Name is required, at most 200 characters'))
    if (!KINDS.includes(r.kind)) issues.push(rowIssue(row, 'kind', 'invalid_kind', `Loại phải là ${KINDS.join(', ')}`, `Kind must be one of ${KINDS.join(', ')}`))
    if (r.parent && r.parent === r.code) issues.push(rowIssue(row, 'parent', 'own_parent', 'Cơ quan không thể là cấp trên của chính nó', 'An agency cannot be its own parent'))
    rows.push(r)
  }
  if (!header) issues.push(rowIssue(1, 'code', 'empty_file', 'Tệp trống', 'The file is empty'))

  const existing = new Map((await listAgencies(db)).map((a) => [a.code, a]))
  const inFile = new Map(rows.map((r) => [r.code, r]))
  const parentOf = (code: string) => inFile.get(code)?.parent ?? (existing.get(code)?.parent_id ? [...existing.values()].find((a) => a.id === existing.get(code)!.parent_id)?.code ?? '' : '')
  for (const r of rows) {
    if (r.parent && !inFile.has(r.parent) && !existing.has(r.parent))
      issues.push(rowIssue(r.row, 'parent', 'unknown_parent', `Không có cơ quan mã ${r.parent}`, `No agency with code ${r.parent}`))
    // Walk up the resulting tree: a cycle would make roll-ups loop forever.
    const seen = new Set([r.code])
    for (let p = r.parent; p; p = parentOf(p)) {
      if (seen.has(p)) {
        issues.push(rowIssue(r.row, 'parent', 'parent_cycle', 'Quan hệ cấp trên tạo thành vòng lặp', 'The parent links form a cycle'))
        break
      }
      seen.add(p)
    }
  }
  if (issues.length) throw new ImportRejected(issues, new Set(issues.map((i) => i.row)).size)

  const at = clock.now().toISOString()
  const summary = { created: 0, updated: 0, unchanged: 0 }
  await inTransaction(db, async (trx) => {
    const ids = new Map([...existing.values()].map((a) => [a.code, a.id]))
    const pending = [...rows]
    // Parents first: each pass stores the rows whose parent already has an id.
    while (pending.length) {
      const ready = pending.filter((r) => !r.parent || ids.has(r.parent))
      for (const r of ready) {
        pending.splice(pending.indexOf(r), 1)
        const parentId = r.parent ? ids.get(r.parent)! : null
        const old = existing.get(r.code)
        if (!old) {
          ids.set(r.code, await insertAgency(trx, { code: r.code, name: r.name, parentId, kind: r.kind, at }))
          summary.created++
        } else if (old.name !== r.name || old.parent_id !== parentId || old.kind !== r.kind) {
          await updateAgency(trx, old.id, { name: r.name, parentId, kind: r.kind, at })
          summary.updated++
        } else summary.unchanged++
      }
    }
    await appendAudit(trx, { actor, action: 'agencies.import', details: { ...summary } }, new Date(at))
  })
  return summary
}
