import ExcelJS from 'exceljs'
import { BOM, csvLine } from './csv.ts'

export interface CommentExportRow {
  submittedAt: string
  agency: string
  agencyName: string
  deskName: string | null
  channel: string
  rating: number | null
  text: string | null
  spam: boolean
  flagged: boolean
}

const header = ['Thời điểm (giờ Việt Nam)', 'Mã cơ quan', 'Tên cơ quan', 'Quầy', 'Kênh', 'Điểm', 'Góp ý', 'Trạng thái']
const status = (r: CommentExportRow) => (r.spam ? 'Rác' : r.flagged ? 'Nghi vấn' : 'Được tính')

function cells(r: CommentExportRow, timeZone: string): Array<string | number> {
  const at = new Date(r.submittedAt).toLocaleString('sv-SE', { timeZone }).slice(0, 16)
  return [at, r.agency, r.agencyName, r.deskName ?? '', r.channel, r.rating ?? '', r.text ?? '', status(r)]
}

/** The comment list as CSV (UTF-8 with BOM for Excel); the caller decides whether the text is masked. */
export function commentsCsv(rows: CommentExportRow[], timeZone: string): string {
  return BOM + csvLine(header) + rows.map((r) => csvLine(cells(r, timeZone))).join('')
}

export async function commentsXlsx(rows: CommentExportRow[], timeZone: string, meta: { generatedAt: Date; user: string; masked: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hailong'
  wb.created = meta.generatedAt
  const ws = wb.addWorksheet('Góp ý')
  ws.addRow(header).font = { bold: true }
  for (const r of rows) ws.addRow(cells(r, timeZone))
  ws.columns.forEach((c, i) => (c.width = i === 6 ? 80 : 16))
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  const info = wb.addWorksheet('Thông tin')
  info.addRow(['Tạo lúc', meta.generatedAt.toISOString()])
  info.addRow(['Người xuất', meta.user])
  info.addRow(['Dữ liệu cá nhân', meta.masked ? 'Đã che (số điện thoại, số định danh, e-mail…)' : 'Không che — bản gốc theo yêu cầu của quản trị viên'])
  return Buffer.from(await wb.xlsx.writeBuffer())
}
