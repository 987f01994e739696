import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { jsonRequest, makeAgency, makeDesk, post, signIn, submission } from '../helpers/factories.ts'

let t: TestApp
afterEach(() => t.close())

/** Provinces at the top of the tree, each with a department that has ratings; the department of the first is returned. */
async function deployment(provinces: string[]) {
  t = await createTestApp({ now: '2026-05-10T03:00:00Z', minSample: 1 })
  const departments = []
  for (const code of provinces) {
    const province = await makeAgency(t.db, { code, name: `Tỉnh ${code}`, kind: 'province' })
    const department = await makeAgency(t.db, { code: `${code}-SNV`, name: `Sở Nội vụ ${code}`, parentId: province.id })
    departments.push(department)
    const desk = await makeDesk(t.db, department.id)
    await post(t.app, '/api/v1/responses', submission({ overall: 5 }), desk.token)
  }
  return departments[0]!
}

async function workbook(headers: Record<string, string>) {
  const res = await t.app.request('/api/v1/reports/mot-cua/2026-Q2/export.xlsx', { headers })
  expect(res.status).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(await res.arrayBuffer())
  return wb
}

const info = (wb: ExcelJS.Workbook) =>
  Object.fromEntries(
    wb
      .getWorksheet('Thông tin')!
      .getSheetValues()
      .slice(2)
      .map((r: any) => [r[1], r[2]]),
  )

describe('the overall row of the report workbook', () => {
  it('is "Toàn quốc" where several provinces are at the top (a Ministry-level deployment), for a manager of one province too', async () => {
    const own = await deployment(['TINH-HN', 'TINH-SL', 'TINH-DN'])
    const wb = await workbook((await signIn(t)).headers)
    for (const name of ['Yếu tố', 'Tiêu chí', 'Lý do chưa hài lòng', 'Phiếu loại trừ'])
      expect(wb.getWorksheet(name)!.getRow(2).values).toEqual(expect.arrayContaining(['(Toàn quốc)', 'Toàn quốc']))
    expect(wb.getWorksheet('Tỷ lệ đánh giá')!.getCell('A2').value).toBe('(Toàn quốc)')
    expect(info(wb)).toMatchObject({ 'Số phiếu toàn quốc (n)': 3, 'Chỉ số toàn quốc': 100 })
    expect(JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))).not.toMatch(/toàn tỉnh/i)

    // A manager sees one department's rows, but the overall figure is still the nation's: so is its name.
    const manager = await signIn(t, 'manager', own.id)
    expect(info(await workbook(manager.headers))).toMatchObject({ 'Số phiếu toàn quốc (n)': 3 })
    const meta = await (await t.app.request('/api/v1/dashboard/meta', { headers: manager.headers })).json()
    expect(meta.wholeScope).toEqual({ vi: 'Toàn quốc', en: 'Nationwide' })
  })

  it('is "Toàn tỉnh" in a provincial deployment', async () => {
    await deployment(['TINH-SL'])
    const wb = await workbook((await signIn(t)).headers)
    expect(wb.getWorksheet('Yếu tố')!.getCell('A2').value).toBe('(Toàn tỉnh)')
    expect(wb.getWorksheet('Yếu tố')!.getCell('B2').value).toBe('Toàn tỉnh')
    expect(info(wb)).toMatchObject({ 'Số phiếu toàn tỉnh (n)': 1, 'Chỉ số toàn tỉnh': 100 })
    expect(JSON.stringify(wb.worksheets.map((w) => w.getSheetValues()))).not.toMatch(/toàn quốc/i)
  })
})

describe('the alert rules set for the whole deployment', () => {
  const rule = { kind: 'unhappy_burst', params: { windowMinutes: 30, share: 0.2, minCount: 3, maxRating: 2 } }
  const put = (headers: Record<string, string>) => t.app.request('/api/v1/alerts/rules', jsonRequest(headers, rule, 'PUT'))
  /** The refusal a manager gets for the top-level rule, and where the admin's top-level rule says it was set. */
  async function words(provinces: string[]) {
    const own = await deployment(provinces)
    const refused = await put((await signIn(t, 'manager', own.id)).headers)
    expect(refused.status).toBe(403)
    const admin = await signIn(t)
    expect((await put(admin.headers)).status).toBe(200)
    const rules = await (await t.app.request('/api/v1/alerts/rules', { headers: admin.headers })).json()
    return { refusal: ((await refused.json()) as any).error.message, source: rules.rules.find((r: any) => r.kind === 'unhappy_burst').sourceText }
  }

  it('are the nation’s in a Ministry-level deployment, in the refusal and in where the rule was set', async () => {
    expect(await words(['TINH-HN', 'TINH-SL'])).toEqual({
      refusal: { vi: 'Chỉ quản trị mới đặt quy tắc chung cho toàn quốc', en: 'Only admins set the rules for the whole country' },
      source: { vi: 'Đặt cho toàn quốc', en: 'Set for the whole country' },
    })
  })

  it('are the province’s in a provincial deployment', async () => {
    expect(await words(['TINH-SL'])).toEqual({
      refusal: { vi: 'Chỉ quản trị mới đặt quy tắc chung cho toàn tỉnh', en: 'Only admins set the rules for the whole province' },
      source: { vi: 'Đặt cho toàn tỉnh', en: 'Set for the whole province' },
    })
  })
})
