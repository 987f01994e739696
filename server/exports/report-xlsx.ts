import ExcelJS from 'exceljs'
import type { SurveyDefinition } from '../domain/survey-definition.ts'
import type { HeatMap } from '../patterns/service.ts'
import type { Report } from '../reports/service.ts'
import { rankingTable, type Cell } from './report-table.ts'
import { partsIn } from '../domain/periods.ts'
import type { LocalizedText } from '../domain/text.ts'
import { AGENCY_KIND_TEXT, CHANNEL_TEXT, EXCLUSION_REASON_TEXT, EXCLUSION_REASONS, type AgencyKind, type Channel } from '../domain/vocabulary.ts'

const formula: Record<string, string> = {
  share: 'Chỉ số = 100 × (số câu trả lời 4 hoặc 5) ÷ (số câu trả lời); yếu tố = trung bình các tiêu chí; chỉ số chung = trung bình có trọng số các yếu tố',
  points: 'Điểm chỉ số = tổng điểm ÷ số hồ sơ, làm tròn 1 chữ số thập phân; tổng điểm = tổng các chỉ số đã làm tròn (TT 01/2018/TT-VPCP, điều 15)',
}

/**
 * A sheet with a bold, wrapped header row. Cells are typed values (numbers as numbers, text as text):
 * nothing a citizen typed becomes a formula. Index, share and rate columns show `decimals` places (92,29
 * rather than 92.29238226702192; the full value stays in the cell), ranks and counts none.
 */
function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][], decimals = 2) {
  const ws = wb.addWorksheet(name)
  const head = ws.addRow(header)
  head.font = { bold: true }
  head.alignment = { wrapText: true, vertical: 'top' }
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? null : v)))
  const fraction = `0.${'0'.repeat(decimals)}`
  ws.columns.forEach((c, i) => {
    c.width = Math.min(40, Math.max(10, header[i]!.length + 2))
    const values = rows.map((r) => r[i]).filter((v): v is number => typeof v === 'number')
    if (values.length) c.numFmt = COUNT_HEADER.test(header[i]!) ? '0' : fraction
  })
  ws.views = [{ state: 'frozen', ySplit: 1 }]
  return ws
}

/** Columns of ranks and counts (whole numbers); every other numeric column is an index, a share or a rate. */
const COUNT_HEADER = /^(Hạng|Thay đổi hạng|Số phiếu|Số đánh giá|Hồ sơ|Cỡ mẫu)/

/** A moment as staff read it: local time and date in the report's time zone, the zone named. */
export function localTime(at: Date, timeZone: string): string {
  const p = partsIn(at, timeZone)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${two(p.hour)}:${two(p.minute)}:${two(p.second)} ${two(p.day)}/${two(p.month)}/${p.year} (${timeZone})`
}

/**
 * The quarterly report workbook: ranking, elements, criteria, expectations and metadata sheets. `wholeScope`
 * names the overall row ('Toàn tỉnh', or 'Toàn quốc' in a Ministry-level deployment).
 */
export async function reportXlsx(report: Report, def: SurveyDefinition, meta: { generatedAt: Date; user: string; heatMap?: HeatMap; wholeScope: LocalizedText }): Promise<Buffer> {
  const whole = meta.wholeScope.vi
  const wholeCode = `(${whole})`
  const inSentence = whole.charAt(0).toLowerCase() + whole.slice(1)
  const wb = new ExcelJS.Workbook()
  wb.creator = 'hailong'
  wb.created = meta.generatedAt
  const { header, rows } = rankingTable(report, def)
  const decimals = def.index.method === 'points' ? 1 : 2
  sheet(wb, 'Xếp hạng', header, rows, decimals)

  const elements = def.index.method === 'share' ? (def.index.elements ?? []) : []
  sheet(
    wb,
    'Yếu tố',
    ['Mã cơ quan', 'Tên cơ quan', ...elements.map((e) => e.text.vi)],
    [
      [wholeCode, whole, ...elements.map((e) => report.overall.elements[e.id] ?? null)],
      ...report.units.map((u) => [u.agency, u.name, ...elements.map((e) => u.elements[e.id] ?? null)]),
    ],
    decimals,
  )

  const criteria = def.index.method === 'share' ? def.index.criteria : def.index.indicators
  const questions = def.pages.flatMap((p) => p.questions)
  sheet(
    wb,
    'Tiêu chí',
    ['Mã cơ quan', 'Tên cơ quan', ...criteria.map((c) => `${c}: ${questions.find((q) => q.id === c)?.text.vi ?? c}`)],
    [[wholeCode, whole, ...criteria.map((c) => report.overall.criteria[c] ?? null)], ...report.units.map((u) => [u.agency, u.name, ...criteria.map((c) => u.criteria[c] ?? null)])],
    decimals,
  )

  const choiceId = def.index.method === 'share' ? (def.index.expectations ?? def.index.reasons) : undefined
  const choice = def.pages.flatMap((p) => p.questions).find((q) => q.id === choiceId)
  const options = choice?.type === 'choice' ? choice.options : []
  const shares = (f: { expectations?: Record<string, number>; reasons?: Record<string, number> }) => f.expectations ?? f.reasons ?? {}
  // SIPAS asks what citizens expect; the one-stop quick rating asks why they were not satisfied.
  const isReasons = def.index.method === 'share' && !def.index.expectations && !!def.index.reasons
  sheet(
    wb,
    isReasons ? 'Lý do chưa hài lòng' : 'Mong đợi',
    ['Mã cơ quan', 'Tên cơ quan', ...options.map((o) => `${o.text.vi} (%)`)],
    [[wholeCode, whole, ...options.map((o) => shares(report.overall)[o.id] ?? 0)], ...report.units.map((u) => [u.agency, u.name, ...options.map((o) => shares(u)[o.id] ?? 0)])],
  )

  const pct = (v: number | null) => (v === null ? null : Math.round(v * 100) / 100)
  const channels = ['kiosk', 'qr', 'paper', 'web'] as const
  // Agencies that send no dossiers say so in words: an empty rate is not 0 %.
  const rate = (r: Report['overall']['responseRate']) =>
    r.dossierData
      ? [r.dossiers, r.evaluations, pct(r.rate), ...channels.map((c) => pct(r.byChannel[c]?.rate ?? (r.dossiers ? 0 : null)))]
      : ['chưa có dữ liệu hồ sơ', r.evaluations, null, ...channels.map(() => null)]
  sheet(
    wb,
    'Tỷ lệ đánh giá',
    ['Mã cơ quan', 'Hồ sơ đã trả', 'Số phiếu (n)', 'Tỷ lệ đánh giá (%)', 'Máy tại quầy (%)', 'Mã QR (%)', 'Phiếu giấy (%)', 'Trực tuyến (%)'],
    [[wholeCode, ...rate(report.overall.responseRate)], ...report.units.map((u) => [u.agency, ...rate(u.responseRate)])],
  )

  // One row per local weekday and hour: n always, the index only where the cell has the minimum.
  const heat = meta.heatMap
  if (heat)
    sheet(
      wb,
      'Giờ trong tuần',
      ['Thứ', 'Giờ', 'Số đánh giá (n)', 'Chỉ số', 'Ghi chú'],
      heat.cells.map((c) => [
        heat.weekdays[c.weekday]!.vi,
        `${String(c.hour).padStart(2, '0')}:00–${String(c.hour + 1).padStart(2, '0')}:00`,
        c.n,
        c.index,
        c.sufficient ? '' : `Chưa đủ mẫu (dưới ${heat.minCell})`,
      ]),
    )

  // Ratings taken out of the index (two-person exclusions), per agency and reason: what staff must be able to answer for.
  const reasons = EXCLUSION_REASONS.filter((r) => report.units.some((u) => (u.excluded?.[r] ?? 0) > 0) || (report.excluded?.[r] ?? 0) > 0)
  sheet(
    wb,
    'Phiếu loại trừ',
    ['Mã cơ quan', 'Tên cơ quan', 'Tổng số phiếu loại trừ', ...reasons.map((r) => EXCLUSION_REASON_TEXT[r].vi)],
    [
      [wholeCode, whole, Object.values(report.excluded ?? {}).reduce((a, b) => a + b, 0), ...reasons.map((r) => report.excluded?.[r] ?? 0)],
      ...report.units.map((u) => [u.agency, u.name, Object.values(u.excluded ?? {}).reduce((a, b) => a + b, 0), ...reasons.map((r) => u.excluded?.[r] ?? 0)]),
    ],
    0,
  )

  sheet(
    wb,
    'Thông tin',
    ['Mục', 'Giá trị'],
    [
      ['Phiếu khảo sát', def.title.vi],
      ['Phiên bản sử dụng trong kỳ', report.versions.join(', ') || `${def.instrument}@${def.version}`],
      ['Kỳ báo cáo', report.period],
      ['Múi giờ', report.timezone],
      ['Cỡ mẫu tối thiểu', report.minSample],
      ['Công thức', formula[def.index.method]!],
      ['Khoảng tin cậy', def.index.method === 'points' ? 'Không áp dụng' : 'Wilson 95% (một tỷ lệ) hoặc khoảng bảo thủ từ sai số chuẩn các tiêu chí (chỉ số tổng hợp)'],
      [`Số phiếu ${inSentence} (n)`, report.overall.n],
      [`Chỉ số ${inSentence}`, report.overall.index],
      ['Tỷ lệ đánh giá', `Số phiếu ÷ số hồ sơ đã trả kết quả trong kỳ × 100 (theo sự kiện hồ sơ của phần mềm Một cửa); ${inSentence}: chỉ các cơ quan có dữ liệu hồ sơ`],
      ['Bộ lọc kênh', report.filters.channel ? (CHANNEL_TEXT[report.filters.channel as Channel]?.vi ?? report.filters.channel) : 'tất cả'],
      ['Bộ lọc loại cơ quan', report.filters.kind ? (AGENCY_KIND_TEXT[report.filters.kind as AgencyKind]?.vi ?? report.filters.kind) : 'tất cả'],
      ['Thời điểm tạo', localTime(meta.generatedAt, report.timezone)],
      ['Người tạo', meta.user],
    ],
  )
  return Buffer.from(await wb.xlsx.writeBuffer())
}
