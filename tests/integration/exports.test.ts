import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { makeAgency, makeDesk, post, signIn, submission } from '../helpers/factories.ts'
import { runCli, tempDir } from '../helpers/cli.ts'
import { fileDatabaseUrl as scratchUrl } from '../helpers/test-database.ts'

const HOSTILE = '=HYPERLINK("http://evil.example","Bấm vào đây")'
let t: TestApp
beforeEach(async () => {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  const a = await makeAgency(t.db, { code: 'SNV', name: HOSTILE })
  const b = await makeAgency(t.db, { code: 'STP', name: 'Sở Tư pháp' })
  for (const [agency, overall] of [
    [a, 5],
    [a, 2],
    [b, 4],
  ] as const) {
    const desk = await makeDesk(t.db, agency.id)
    await post(t.app, '/api/v1/responses', submission({ overall }), desk.token)
  }
})
afterEach(() => t.close())

describe('report exports', () => {
  it('CSV: UTF-8 with BOM, Vietnamese headers, numbers as plain numbers, formula-like text neutralised', async () => {
    const a = await signIn(t)
    const res = await t.app.request('/api/v1/reports/mot-cua/2026-Q2/export.csv', { headers: a.headers })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toMatch(/text\/csv/)
    expect(res.headers.get('Content-Disposition')).toMatch(/hailong-mot-cua-2026-Q2\.csv/)
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer())
    expect(text.charCodeAt(0)).toBe(0xfeff)
    const rows = parse(text.slice(1)) as string[][]
    expect(rows[0]!.slice(0, 9)).toEqual([
      'Hạng',
      'Thay đổi hạng',
      'Hạng trong nhóm',
      'Mã cơ quan',
      'Tên cơ quan',
      'Loại',
      'Chỉ số hài lòng (%)',
      'Thay đổi chỉ số',
      'Số phiếu (n)',
    ])
    expect(rows[1]!.slice(0, 9)).toEqual(['1', '', '1', 'STP', 'Sở Tư pháp', 'Sở, ban, ngành', '100', '', '1'])
    expect(rows[2]![4]).toBe(`'${HOSTILE}`)
    expect(rows[2]![6]).toBe('50')
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor']).where('action', '=', 'report.export').execute()
    expect(audit).toEqual([{ action: 'report.export', actor: `user:${a.username}` }])
  })

  it('XLSX: the seven sheets (with the response rate and the hours of the week), numbers stored as numbers, hostile names stored as inert text', async () => {
    const a = await signIn(t)
    const res = await t.app.request('/api/v1/reports/mot-cua/2026-Q2/export.xlsx', { headers: a.headers })
    expect(res.status).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    // The quick rating asks why a citizen was not satisfied: its sheet says so (SIPAS's is "Mong đợi").
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Xếp hạng', 'Yếu tố', 'Tiêu chí', 'Lý do chưa hài lòng', 'Tỷ lệ đánh giá', 'Giờ trong tuần', 'Phiếu loại trừ', 'Thông tin'])
    const ranking = wb.getWorksheet('Xếp hạng')!
    expect(ranking.getCell('G1').value).toBe('Chỉ số hài lòng (%)')
    expect(ranking.getCell('G2').value).toBe(100)
    expect(ranking.getCell('G2').type).toBe(ExcelJS.ValueType.Number)
    expect(ranking.getCell('E3').value).toBe(HOSTILE)
    expect(ranking.getCell('E3').type).toBe(ExcelJS.ValueType.String)
    // Indices show two decimals (the cell keeps the full value); counts none; criteria headed by their question.
    expect(ranking.getColumn('G').numFmt).toBe('0.00')
    expect(ranking.getColumn('I').numFmt).toBe('0')
    expect(ranking.getRow(1).values).toContain('Tiêu chí overall: Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?')
    expect(wb.getWorksheet('Tiêu chí')!.getCell('C1').value).toBe('overall: Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?')
    expect(wb.getWorksheet('Lý do chưa hài lòng')!.getCell('C1').value).toBe('Thời gian chờ lâu (%)')
    const meta = wb.getWorksheet('Thông tin')!
    const values = Object.fromEntries(
      meta
        .getSheetValues()
        .slice(2)
        .map((r: any) => [r[1], r[2]]),
    )
    expect(values).toMatchObject({ 'Kỳ báo cáo': '2026-Q2', 'Múi giờ': 'Asia/Ho_Chi_Minh', 'Người tạo': a.username, 'Phiên bản sử dụng trong kỳ': 'mot-cua@1' })
    // Generated at the local time of the province, the zone named: 07:00 local is 00:00 UTC.
    const local = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', hour12: false }).format(t.clock.now())
    expect(values['Thời điểm tạo']).toMatch(new RegExp(`${local}.*\\(Asia/Ho_Chi_Minh\\)$`))
  })

  it('a manager exports only their own agency rows', async () => {
    const stp = await t.db.selectFrom('agencies').select('id').where('code', '=', 'STP').executeTakeFirstOrThrow()
    const m = await signIn(t, 'manager', stp.id)
    const text = await (await t.app.request('/api/v1/reports/mot-cua/2026-Q2/export.csv', { headers: m.headers })).text()
    expect(text).toContain('STP')
    expect(text).not.toContain('SNV')
  })
})

describe('hailong export responses', () => {
  it('streams the period in the import format; a hostile comment is inert and re-importing changes nothing', async () => {
    const dir = tempDir('hailong-export-')
    const env = { DATABASE_URL: await scratchUrl('export') }
    fs.writeFileSync(path.join(dir, 'ag.csv'), 'code,name,parent,kind\nSNV,Sở Nội vụ,,department\n')
    const paper = [
      'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment',
      `00000000-0000-4000-8000-000000000001,mot-cua@1,SNV,,paper,2026-02-01,2,,,wait|repeat,"${HOSTILE.replace(/"/g, '""')}"`,
      '00000000-0000-4000-8000-000000000002,mot-cua@1,SNV,,kiosk,2026-02-02T08:00:00+07:00,5,4,5,,"<b>Chờ & ""lâu""</b>]]>"',
      '00000000-0000-4000-8000-000000000003,mot-cua@1,SNV,,paper,2026-04-02,5,,,,',
    ].join('\n')
    fs.writeFileSync(path.join(dir, 'paper.csv'), paper)
    await runCli(['agencies', 'import', path.join(dir, 'ag.csv')], env)
    expect((await runCli(['responses', 'import', path.join(dir, 'paper.csv')], env)).stdout.trim()).toBe('imported 3, already present 0, rejected 0')
    const out = path.join(dir, 'q1.csv')
    const res = await runCli(['export', 'responses', '--period', '2026-Q1', '--out', out], env)
    expect(res.stdout.trim()).toMatch(/^exported 2 responses/)
    const rows = parse(fs.readFileSync(out, 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Array<Record<string, string>>
    expect(rows.map((r) => r.submission_id)).toEqual(['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002'])
    expect(rows[0]).toMatchObject({
      survey: 'mot-cua@1',
      agency: 'SNV',
      channel: 'paper',
      overall: '2',
      reasons: 'wait|repeat',
      comment: `'${HOSTILE}`,
      submitted_at: '2026-01-31T17:00:00.000Z',
    })
    expect((await runCli(['responses', 'import', out], env)).stdout.trim()).toBe('imported 0, already present 2, rejected 0')
    const xlsx = path.join(dir, 'q1.xlsx')
    expect((await runCli(['export', 'responses', '--period', '2026-Q1', '--out', xlsx], env)).code).toBe(0)
    expect((await runCli(['responses', 'import', xlsx], env)).stdout.trim()).toBe('imported 0, already present 2, rejected 0')
    // Read back by another XLSX reader: the hostile comment is plain text, cells as in the import format.
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(xlsx)
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Phiếu'])
    const sheet = wb.worksheets[0]!
    const header = (sheet.getRow(1).values as unknown[]).slice(1)
    expect(header.slice(0, 7)).toEqual(['submission_id', 'survey', 'agency', 'desk', 'channel', 'submitted_at', 'procedure'])
    const col = (name: string) => header.indexOf(name) + 1
    const first = sheet.getRow(2)
    expect(first.getCell(col('comment')).value).toBe(HOSTILE)
    expect(first.getCell(col('comment')).type).toBe(ExcelJS.ValueType.String)
    expect(first.getCell(col('overall')).value).toBe('2')
    expect(first.getCell(col('reasons')).value).toBe('wait|repeat')
    expect(first.getCell(col('submitted_at')).value).toBe('2026-01-31T17:00:00.000Z')
    expect(sheet.getRow(3).getCell(col('staff')).value).toBe('4')
    expect(sheet.getRow(3).getCell(col('comment')).value).toBe('<b>Chờ & "lâu"</b>]]>')
    expect(sheet.rowCount).toBe(3)
  })

  it('writes the report as CSV and XLSX from the command line', async () => {
    const dir = tempDir('hailong-export-')
    const env = { DATABASE_URL: await scratchUrl('export') }
    const res = await runCli(['report', '--survey', 'mot-cua', '--period', '2026-Q1', '--format', 'xlsx', '--out', path.join(dir, 'r.xlsx')], env)
    expect(res.code).toBe(0)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile(path.join(dir, 'r.xlsx'))
    expect(wb.worksheets).toHaveLength(7)
    expect((await runCli(['report', '--survey', 'mot-cua', '--period', '2026-Q1', '--format', 'csv'], env)).code).toBe(2)
  })
})
