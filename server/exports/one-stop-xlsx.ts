import ExcelJS from 'exceljs'
import type { OneStopReport } from '../dossiers/officers.ts'

const head = (ws: ExcelJS.Worksheet, header: string[]) => {
  ws.addRow(header).font = { bold: true }
  ws.columns.forEach((c, i) => (c.width = Math.min(50, Math.max(10, header[i]!.length + 2))))
  ws.views = [{ state: 'frozen', ySplit: 1 }]
}
const pct = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100)

/** The TT01 one-stop evaluation report as a workbook: per agency, per officer, and how it was computed. */
export async function oneStopXlsx(report: OneStopReport, meta: { generatedAt: Date; user: string; timeZone: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hailong'
  wb.created = meta.generatedAt
  const ind = report.indicators
  const agencies = wb.addWorksheet('Cơ quan')
  head(agencies, ['Mã cơ quan', 'Tên cơ quan', 'Số hồ sơ đánh giá', ...ind.map((i) => `Chỉ số ${i}`), 'Tổng điểm', 'Hồ sơ đã trả', 'Tỷ lệ đánh giá (%)'])
  for (const a of report.agencies)
    agencies.addRow([
      a.code,
      a.name,
      a.tt01.n,
      ...ind.map((i) => a.tt01.indicators[i] ?? null),
      a.tt01.total,
      a.responseRate.dossierData ? a.responseRate.dossiers : 'chưa có dữ liệu hồ sơ',
      pct(a.responseRate.rate),
    ])
  const officers = wb.addWorksheet('Công chức')
  head(officers, [
    'Mã công chức',
    'Tên (do cán bộ nhập)',
    'Cơ quan',
    'Số hồ sơ đánh giá',
    ...ind.map((i) => `Chỉ số ${i}`),
    'Tổng điểm',
    'Đủ mẫu',
    'Hài lòng về công chức (%)',
    'n (câu công chức)',
    'Hồ sơ đã trả',
    'Tỷ lệ đánh giá (%)',
  ])
  for (const o of report.officers)
    officers.addRow([
      o.code,
      o.displayName ?? '',
      o.agency.code,
      o.tt01.n,
      ...ind.map((i) => o.tt01.indicators[i] ?? null),
      o.tt01.total,
      o.tt01.sufficient ? 'có' : 'chưa đủ mẫu',
      pct(o.staff.share),
      o.staff.n,
      o.responseRate.dossierData ? o.responseRate.dossiers : 'chưa có dữ liệu hồ sơ',
      pct(o.responseRate.rate),
    ])
  const info = wb.addWorksheet('Thông tin')
  head(info, ['Mục', 'Giá trị'])
  for (const row of [
    ['Báo cáo', 'Đánh giá giải quyết thủ tục hành chính tại Bộ phận Một cửa (Thông tư 01/2018/TT-VPCP, điều 15)'],
    ['Kỳ báo cáo', report.period],
    ['Múi giờ', meta.timeZone],
    ['Công thức', 'Điểm chỉ số = tổng điểm các hồ sơ ÷ số hồ sơ được đánh giá ở chỉ số đó, làm tròn 1 chữ số thập phân; tổng điểm = tổng các chỉ số đã làm tròn'],
    ['Tỷ lệ đánh giá', 'Số phiếu đánh giá ÷ số hồ sơ đã trả kết quả trong kỳ × 100'],
    ['Cỡ mẫu tối thiểu (công chức)', report.minSample],
    ['Thời điểm tạo', meta.generatedAt.toISOString()],
    ['Người tạo', meta.user],
  ])
    info.addRow(row)
  return Buffer.from(await wb.xlsx.writeBuffer())
}
