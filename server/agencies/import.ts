import type { Db } from '../db/types.ts'
import { appendAudit } from '../audit/service.ts'
import { inTransaction } from '../db/transaction.ts'
import type { AgencyKind } from '../db/schema.ts'
import { nfc } from '../domain/text.ts'
import type { Clock } from '../lib/clock.ts'
import { readTable, type TableSource } from '../imports/table-reader.ts'
import { ImportRejected, MAX_SHOWN, requireHeader, rowIssue, type RowIssue } from '../imports/row-issues.ts'
import { insertAgency, listAgencies, updateAgency } from './repository.ts'
import { AGENCY_CODE, AGENCY_KINDS } from '../domain/vocabulary.ts'
import { BODY_LIMITS } from '../lib/limits.ts'

const KINDS: readonly AgencyKind[] = AGENCY_KINDS
export const AGENCY_COLUMNS = ['code', 'name', 'parent', 'kind'] as const

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
/** What one upload in the browser may hold: a province has hundreds of agencies, not tens of thousands. */
export const AGENCY_IMPORT_LIMITS = { maxRows: 10_000, maxBytes: BODY_LIMITS.agencyImport }

export async function importAgencies(db: Db, source: TableSource, clock: Clock, actor: string, limits: { maxRows?: number } = {}) {
  const issues: RowIssue[] = []
  const rows: AgencyRow[] = []
  const codes = new Set<string>()
  let header: string[] | null = null
  for await (const { row, cells } of readTable(source, limits)) {
    if (!header) {
      header = cells.map((c) => c.trim().toLowerCase())
      issues.push(...requireHeader(row, header, [...AGENCY_COLUMNS]))
      if (issues.length) break
      continue
    }
    const get = (col: string) => nfc(cells[header!.indexOf(col)] ?? '').trim()
    const r = { row, code: get('code'), name: get('name'), parent: get('parent'), kind: get('kind') as AgencyKind }
    if (!AGENCY_CODE.test(r.code))
      issues.push(rowIssue(row, 'code', 'invalid_code', 'Mã chỉ gồm chữ, số, "-" và "_" (tối đa 64)', 'Code must be letters, digits, "-" or "_" (at most 64)'))
    else if (codes.has(r.code)) issues.push(rowIssue(row, 'code', 'duplicate_code', `Mã ${r.code} xuất hiện hai lần`, `Code ${r.code} appears twice`))
    if (!r.name || r.name.length > 200) issues.push(rowIssue(row, 'name', 'invalid_name', 'Tên bắt buộc, tối đa 200 ký tự', 'Name is required, at most 200 characters'))
    if (!KINDS.includes(r.kind)) issues.push(rowIssue(row, 'kind', 'invalid_kind', `Loại phải là ${KINDS.join(', ')}`, `Kind must be one of ${KINDS.join(', ')}`))
    if (r.parent && r.parent === r.code) issues.push(rowIssue(row, 'parent', 'own_parent', 'Cơ quan không thể là cấp trên của chính nó', 'An agency cannot be its own parent'))
    rows.push(r)
    codes.add(r.code)
  }
  if (!header) issues.push(rowIssue(1, 'code', 'empty_file', 'Tệp trống', 'The file is empty'))

  const existing = new Map((await listAgencies(db)).map((a) => [a.code, a]))
  const inFile = new Map(rows.map((r) => [r.code, r]))
  const codeOf = new Map([...existing.values()].map((a) => [a.id, a.code]))
  const parentOf = (code: string) => inFile.get(code)?.parent ?? codeOf.get(existing.get(code)?.parent_id ?? -1) ?? ''
  // Walk up the resulting tree: a cycle would make roll-ups loop forever. A code once walked to the top is
  // remembered, so the walks together stay linear in the size of the tree.
  const reachesTop = new Set<string>()
  for (const r of rows) {
    if (r.parent && !inFile.has(r.parent) && !existing.has(r.parent))
      issues.push(rowIssue(r.row, 'parent', 'unknown_parent', `Không có cơ quan mã ${r.parent}`, `No agency with code ${r.parent}`))
    const path = [r.code]
    const seen = new Set(path)
    let cycle = false
    for (let p = r.parent; p && !reachesTop.has(p); p = parentOf(p)) {
      if (seen.has(p)) {
        cycle = true
        issues.push(rowIssue(r.row, 'parent', 'parent_cycle', 'Quan hệ cấp trên tạo thành vòng lặp', 'The parent links form a cycle'))
        break
      }
      seen.add(p)
      path.push(p)
    }
    if (!cycle) for (const c of path) reachesTop.add(c)
  }
  if (issues.length) throw new ImportRejected(issues.sort((a, b) => a.row - b.row).slice(0, MAX_SHOWN), new Set(issues.map((i) => i.row)).size)

  const at = clock.now().toISOString()
  const summary = { created: 0, updated: 0, unchanged: 0 }
  await inTransaction(db, async (trx) => {
    const ids = new Map([...existing.values()].map((a) => [a.code, a.id]))
    // Parents first: a row whose parent is new in this file comes after it (depth below the known tree).
    const depth = new Map<string, number>()
    const isNew = (code: string) => inFile.has(code) && !existing.has(code)
    const depthOf = (code: string): number => {
      // Up the chain of parents that are new in this file; each level waits for the one above.
      const chain = [code]
      let p = inFile.get(code)!.parent
      while (p && isNew(p) && !depth.has(p)) {
        chain.push(p)
        p = inFile.get(p)!.parent
      }
      let d = p && isNew(p) ? depth.get(p)! : -1
      for (const c of chain.reverse()) depth.set(c, ++d)
      return depth.get(code)!
    }
    const ordered = rows.map((r) => ({ r, d: depthOf(r.code) })).sort((a, b) => a.d - b.d)
    for (const { r } of ordered) {
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
    await appendAudit(trx, { actor, action: 'agencies.import', details: { ...summary } }, new Date(at))
  })
  return summary
}
