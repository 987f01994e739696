import { randomUUID } from 'node:crypto'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { fixedClock } from '../../server/lib/clock.ts'
import { makeAgency, makeApiKey, makeDesk } from '../helpers/factories.ts'
import { browserSuite, seriousA11yViolations, signIn } from '../helpers/browser.ts'

// A desk that returned 4 dossiers (3 received by officer CB01) and got 3 answers through their receipt
// codes: 75 %; a second desk with one paper-free answer and no dossiers says "chưa có dữ liệu hồ sơ".
const PASSWORD = 'mat-khau-rat-dai-123'
const code = (n: number) => `H40.175.01-260401-AB000${n}`
const api = async (path: string, body: unknown, token: string) => {
  const res = await fetch(`${site.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify(body) })
  expect(res.status).toBeLessThan(300)
  return (await res.json()) as any
}
const site = browserSuite({
  clock: fixedClock('2026-05-10T03:00:00.000Z'),
  minSample: 2,
  prepare: async (server) => {
    const province = await makeAgency(server.db, { code: 'TINH', kind: 'province' })
    const stp = await makeAgency(server.db, { code: 'STP', name: 'Sở Tư pháp', parentId: province.id })
    await makeDesk(server.db, stp.id, 'MC-01')
    // An agency with neither ratings nor officers yet.
    await makeAgency(server.db, { code: 'SXD', name: 'Sở Xây dựng', parentId: province.id })
    const other = await makeDesk(server.db, stp.id, 'MC-02')
    const { key } = await makeApiKey(server.db, province.id)
    const officers = ['CB01', 'CB01', 'CB01', 'CB02']
    await api(
      '/api/v1/dossiers/events',
      {
        events: officers.map((officer, i) => ({
          type: 'returned',
          dossier: code(i + 1),
          agency: 'STP',
          desk: 'MC-01',
          officer,
          at: '2026-04-20T09:00:00+07:00',
          receivedAt: '2026-04-01T08:00:00+07:00',
        })),
      },
      key,
    )
    for (const [i, answers] of [
      { overall: 5, staff: 5 },
      { overall: 4, staff: 4 },
      { overall: 2, staff: 2 },
    ].entries()) {
      const { token } = await api('/api/v1/invitations', { agency: 'STP', desk: 'MC-01', dossier: code(i + 1), qr: [] }, key)
      await api('/api/v1/responses', { submissionId: randomUUID(), survey: 'mot-cua@1', answers }, token)
    }
    await api('/api/v1/responses', { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 5 } }, other.token)
    for (const [username, role, agencyId] of [
      ['admin-b', 'admin', null],
      ['xem-b', 'viewer', null],
    ] as const)
      await createUser(server.db, { username, password: PASSWORD, role, agencyId, actor: 'test' }, server.clock.now())
  },
})

const signInAs = (page: Page, username: string) => signIn(page, site.url, username, PASSWORD)

describe('response rate and per-officer results in the staff app', () => {
  it('an admin reads the rate by desk, opens the officers (logged), names one, and prints the TT01 report', async () => {
    const page = await (await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })).newPage()
    await signInAs(page, 'admin-b')
    await page.goto(`${site.url}/agencies/STP?survey=mot-cua&period=2026-Q2`)
    const card = page.locator('section', { has: page.getByRole('heading', { name: 'Tỷ lệ đánh giá' }) })
    await expect(card.locator('.big').textContent()).resolves.toBe('100,00 %')
    const desks = card.getByRole('table', { name: 'Theo quầy' })
    await expect(desks.getByRole('row', { name: /Quầy MC-01/ }).textContent()).resolves.toContain('75,00 %')
    await expect(desks.getByRole('row', { name: /Quầy MC-02/ }).textContent()).resolves.toContain('chưa có dữ liệu hồ sơ')

    // Officers appear only when asked for, since every view is logged.
    await expect(page.getByRole('table', { name: /Kết quả theo công chức/ }).count()).resolves.toBe(0)
    await page.getByRole('button', { name: 'Xem kết quả theo công chức (ghi nhật ký)' }).click()
    const officers = page.getByRole('table', { name: /Kết quả theo công chức/ })
    await expect(officers.getByRole('row', { name: /CB01/ }).textContent()).resolves.toContain('66,67 %')
    await expect(officers.getByRole('row', { name: /CB02/ }).textContent()).resolves.toContain('Chưa đủ mẫu')
    await officers.getByRole('textbox', { name: /CB01/ }).fill('Nguyễn Thị Uyên')
    await officers.getByRole('row', { name: /CB01/ }).getByRole('button', { name: 'Lưu tên' }).click()
    await officers.getByRole('rowheader', { name: 'Nguyễn Thị Uyên (CB01)' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Báo cáo đánh giá Một cửa (TT 01/2018)' }).click()
    await page.getByRole('heading', { level: 1, name: /Bộ phận Một cửa — 2026-Q2/ }).waitFor()
    await expect(page.getByRole('link', { name: 'Tải Excel (XLSX)' }).getAttribute('href')).resolves.toBe('/api/v1/officers/one-stop-report/export.xlsx?period=2026-Q2&agency=STP')
    await page.getByRole('rowheader', { name: 'Nguyễn Thị Uyên (CB01)' }).waitFor()
    const actions = await site.db.selectFrom('audit_log').select('action').where('actor', '=', 'user:admin-b').execute()
    expect(actions.map((a) => a.action).filter((a) => a.startsWith('officer'))).toEqual(['officers.view', 'officer.rename', 'officers.view', 'officers.report'])
  })

  it('a viewer sees the rate but no per-officer section, and the report page refuses in words', async () => {
    const page = await (await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })).newPage()
    await signInAs(page, 'xem-b')
    await page.goto(`${site.url}/agencies/STP?survey=mot-cua&period=2026-Q2`)
    await page.getByRole('heading', { name: 'Tỷ lệ đánh giá' }).waitFor()
    await expect(page.getByRole('heading', { name: 'Kết quả theo công chức' }).count()).resolves.toBe(0)
    await page.goto(`${site.url}/one-stop/2026-Q2?agency=STP`)
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Tài khoản không có quyền này')
  })

  it('the TT01 report of an agency without ratings or officers says so in each table', async () => {
    const page = await (await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })).newPage()
    await signInAs(page, 'admin-b')
    await page.goto(`${site.url}/one-stop/2026-Q2?agency=SXD`)
    await page.getByRole('heading', { level: 1, name: /Bộ phận Một cửa — 2026-Q2/ }).waitFor()
    await page.getByRole('table', { name: 'Cơ quan' }).getByRole('cell', { name: 'Chưa có đánh giá nào trong kỳ này.' }).waitFor()
    await page
      .getByRole('table', { name: /Kết quả theo công chức/ })
      .getByRole('cell', { name: 'Phần mềm Một cửa chưa gửi mã công chức nào kèm hồ sơ đã trả.' })
      .waitFor()
  })
})
