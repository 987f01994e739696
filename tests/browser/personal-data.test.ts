import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { browserSuite, seriousA11yViolations, signIn } from '../helpers/browser.ts'
import { makeAgency, makeApiKey, makeDesk } from '../helpers/factories.ts'

const PHONE = '0912 345 678'
const CCCD = '014090001234'
const COMMENT = `Chờ lâu quá. Gọi ${PHONE}, CCCD ${CCCD}`
const MASKED = 'Chờ lâu quá. Gọi •••• ••• •••, CCCD ••••••••••••'
const DOSSIER = 'H34.175.01-261101-AB0007'
const PASSWORD = 'mat-khau-rat-dai-123'

const quarter = () => {
  const d = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Ho_Chi_Minh' }))
  return `${d.getFullYear()}-Q${Math.floor(d.getMonth() / 3) + 1}`
}
const answer = (token: string, answers: Record<string, unknown>) =>
  fetch(`${site.url}/api/v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ submissionId: randomUUID(), survey: 'mot-cua@1', answers }),
  })

const site = browserSuite({
  minSample: 1,
  prepare: async (server) => {
    await makeAgency(server.db, { code: 'TINH', kind: 'province', name: 'Tỉnh Thử' })
    const stp = await makeAgency(server.db, { code: 'STP', name: 'Sở Tư pháp' })
    const desk = await makeDesk(server.db, stp.id, 'MC-01')
    expect((await answer(desk.token, { overall: 2, reasons: ['wait'], comment: COMMENT })).status).toBe(201)
    expect((await answer(desk.token, { overall: 5 })).status).toBe(201)
    const { key } = await makeApiKey(server.db, stp.id)
    const minted = await fetch(`${server.url}/api/v1/invitations`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${key}` },
      body: JSON.stringify({ desk: 'MC-01', dossier: DOSSIER }),
    })
    const { token } = (await minted.json()) as { token: string }
    expect((await answer(token, { overall: 1, reasons: ['attitude'] })).status).toBe(201)
    for (const [username, role] of [
      ['quantri', 'admin'],
      ['xem', 'viewer'],
    ] as const)
      await createUser(server.db, { username, password: PASSWORD, role, agencyId: null, actor: 'test' }, new Date())
  },
})

async function signInAs(username: string) {
  const context = await site.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
  const page = await context.newPage()
  await signIn(page, site.url, username, PASSWORD)
  return page
}
async function download(page: Page, link: string) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: link }).click()])
  return (await file.path())!
}
async function xlsxText(file: string) {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.readFile(file)
  const cells: string[] = []
  wb.getWorksheet('Góp ý')!.eachRow((r) => cells.push(JSON.stringify(r.values)))
  return cells.join('\n')
}
const audit = (action: string) => site.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()

describe('personal data on staff screens', () => {
  it('a viewer sees the phone and CCCD masked on the page, in the CSV and in the XLSX, and cannot unmask', async () => {
    const page = await signInAs('xem')
    await page.goto(`${site.url}/comments`)
    const item = page.locator('.comment-items li', { hasText: 'Chờ lâu quá' })
    await expect(item.locator('.comment-text').textContent()).resolves.toBe(MASKED)
    await item.getByText('Đã che dữ liệu cá nhân: số điện thoại, số CMND/CCCD').waitFor()
    expect(await page.content()).not.toContain(CCCD)
    expect(await page.getByRole('button', { name: /Xem bản gốc/ }).count()).toBe(0)
    expect(await page.getByRole('link', { name: /bản gốc/ }).count()).toBe(0)
    const csv = fs.readFileSync(await download(page, 'Tải góp ý (CSV)'), 'utf8')
    expect(csv).toContain(MASKED)
    expect(csv).not.toContain(CCCD)
    const xlsx = await xlsxText(await download(page, 'Tải góp ý (Excel)'))
    expect(xlsx).toContain(MASKED)
    expect(xlsx).not.toContain(CCCD)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.context().close()
  })

  it('an admin asks for the comment as typed and the unmasked exports; each request is in the audit log', async () => {
    const page = await signInAs('quantri')
    await page.goto(`${site.url}/comments`)
    const item = page.locator('.comment-items li', { hasText: 'Chờ lâu quá' })
    await expect(item.locator('.comment-text').textContent()).resolves.toBe(MASKED)
    await item.getByRole('button', { name: 'Xem bản gốc (ghi nhật ký)' }).click()
    await item.getByText('Bản gốc — lượt xem đã được ghi vào nhật ký').waitFor()
    await expect(item.locator('.comment-text').textContent()).resolves.toBe(COMMENT)
    expect((await audit('comment.reveal')).map((e) => e.actor)).toEqual(['user:quantri'])
    expect(fs.readFileSync(await download(page, 'Tải góp ý bản gốc (CSV, ghi nhật ký)'), 'utf8')).toContain(COMMENT)
    expect(await xlsxText(await download(page, 'Tải góp ý bản gốc (Excel, ghi nhật ký)'))).toContain(COMMENT)
    expect((await audit('comments.export')).map((e) => JSON.parse(e.details!).clear)).toEqual([false, false, true, true])
    await page.context().close()
  })

  it('an admin finds the responses of a dossier, erases them with a reason, and the report changes', async () => {
    const page = await signInAs('quantri')
    const report = async () => ((await (await page.request.get(`${site.url}/api/v1/reports/mot-cua/${quarter()}`)).json()) as { overall: { n: number; index: number } }).overall
    const before = await report()
    expect(before.n).toBe(3)
    await page.getByRole('link', { name: 'Dữ liệu cá nhân' }).click()
    await page.getByRole('heading', { level: 1, name: 'Dữ liệu cá nhân' }).waitFor()
    await page.getByLabel('Mã hồ sơ trên giấy hẹn').fill('H34.175.01-261101-AB0008')
    await page.getByRole('button', { name: 'Tìm phiếu' }).click()
    await page.getByText('Không có phiếu nào gắn với mã hồ sơ này').waitFor()
    await page.getByLabel('Mã hồ sơ trên giấy hẹn').fill(DOSSIER)
    await page.getByRole('button', { name: 'Tìm phiếu' }).click()
    const table = page.getByRole('table', { name: '1 phiếu gắn với mã hồ sơ này' })
    await table.getByRole('cell', { name: 'Sở Tư pháp' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Xoá các phiếu này' }).click()
    await page.getByRole('alert').filter({ hasText: 'quá ngắn' }).waitFor()
    expect((await report()).n).toBe(3)
    await page.getByLabel('Lý do (số đơn, ngày yêu cầu)').fill('Đơn số 7/2026 ngày 1/12')
    await page.getByRole('button', { name: 'Xoá các phiếu này' }).click()
    await page
      .getByRole('status')
      .filter({ hasText: `Đã xoá 1 phiếu; chỉ số các quý ${quarter()} đã được tính lại` })
      .waitFor()
    const after = await report()
    expect(after.n).toBe(2)
    expect(after.index).toBeGreaterThan(before.index)
    expect(await audit('privacy.dossier.erase')).toHaveLength(1)
    await page.context().close()
  })
})
