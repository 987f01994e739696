import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { browserSuite, seriousA11yViolations, signIn } from '../helpers/browser.ts'
import { makeAgency } from '../helpers/factories.ts'

const site = browserSuite({
  prepare: async (server) => {
    await makeAgency(server.db, { code: 'TINH', name: 'Tỉnh Thử', kind: 'province' })
    const stp = await makeAgency(server.db, { code: 'STP', name: 'Sở Tư pháp' })
    await createUser(server.db, { username: 'quantri', password: 'mat-khau-quan-tri-1', role: 'admin', agencyId: null, actor: 'test' }, new Date())
    await createUser(server.db, { username: 'quanly', password: 'mat-khau-quan-ly-1', role: 'manager', agencyId: stp.id, actor: 'test' }, new Date())
    await createUser(server.db, { username: 'chixem', password: 'mat-khau-chi-xem-1', role: 'viewer', agencyId: null, actor: 'test' }, new Date())
  },
})

const signInAs = (page: Page, username: string, password: string) => signIn(page, site.url, username, password)

describe('administration in the browser', () => {
  it('an admin adds an agency and a desk, publishes a new survey version and enters paper forms', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.setDefaultTimeout(8000)
    await signInAs(page, 'quantri', 'mat-khau-quan-tri-1')
    await page.getByRole('link', { name: 'Cơ quan, quầy' }).click()
    await page.getByLabel('Mã', { exact: true }).fill('SNV')
    await page.getByLabel('Tên', { exact: true }).fill('Sở Nội vụ')
    await page.getByLabel('Cơ quan cấp trên').selectOption({ label: 'Tỉnh Thử' })
    await page.getByRole('button', { name: 'Thêm', exact: true }).click()
    await page.getByRole('rowheader', { name: 'Sở Nội vụ' }).waitFor()
    // The agency is picked by name; a bad desk code shows the server's reason, naming the field as labelled.
    const addDesk = page.locator('section', { hasText: 'Thêm quầy' })
    await addDesk.getByLabel('Cơ quan').selectOption({ label: 'Sở Nội vụ' })
    await addDesk.getByLabel('Mã quầy').fill('MC 01')
    await addDesk.getByLabel('Tên quầy').fill('Quầy 1')
    await addDesk.getByRole('button', { name: 'Thêm quầy' }).click()
    await page.getByRole('alert').filter({ hasText: 'Mã quầy' }).waitFor()
    await addDesk.getByLabel('Mã quầy').fill('MC-01')
    await addDesk.getByRole('button', { name: 'Thêm quầy' }).click()
    await page.locator('.desk-row', { hasText: 'Quầy 1 (MC-01)' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Phiếu khảo sát' }).click()
    await page
      .getByRole('row', { name: /Đánh giá nhanh tại Bộ phận Một cửa — phiên bản 1/ })
      .getByRole('button', { name: 'Tạo phiên bản mới từ đây' })
      .click()
    // The builder keeps JSON import/export for advanced users.
    await page.waitForURL(/\/admin\/surveys\/\d+\/edit$/)
    await page.getByText('Nhập / xuất JSON (nâng cao)').click()
    const editor = page.getByLabel('Nội dung phiếu (JSON)')
    await editor.fill((await editor.inputValue()).replace('Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?', 'Ông/Bà đánh giá buổi làm việc hôm nay thế nào?'))
    await page.getByRole('button', { name: 'Áp dụng JSON' }).click()
    await page.locator('.q-summary', { hasText: 'Ông/Bà đánh giá buổi làm việc hôm nay thế nào?' }).waitFor()
    await page.getByRole('button', { name: 'Ban hành…' }).click()
    await page.getByRole('button', { name: 'Xác nhận ban hành' }).click()
    const row = page.getByRole('row', { name: /Đánh giá nhanh tại Bộ phận Một cửa — phiên bản 2/ })
    await row.getByRole('cell', { name: 'Đã ban hành', exact: true }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('link', { name: 'Nhập phiếu giấy' }).click()
    const csv = [
      'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment',
      '00000000-0000-4000-8000-000000000001,mot-cua@2,SNV,MC-01,paper,2026-04-02,5,,,,',
      '00000000-0000-4000-8000-000000000002,mot-cua@2,SNV,MC-01,paper,2026-04-02,8,,,,',
    ].join('\n')
    await page.getByLabel('Chọn tệp').setInputFiles({ name: 'phieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) })
    await page.getByRole('button', { name: 'Kiểm tra trước' }).click()
    await page
      .getByRole('table', { name: /Các dòng lỗi/ })
      .getByText('overall')
      .waitFor()
    expect(await page.getByRole('button', { name: 'Nhập tất cả' }).isDisabled()).toBe(true)
    await page.getByLabel('Chọn tệp').setInputFiles({ name: 'phieu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv.replace(',8,,,,', ',4,,,,')) })
    await page.getByRole('button', { name: 'Kiểm tra trước' }).click()
    await page.getByText('Kết quả kiểm tra: mới 2, đã có 0, lỗi 0').waitFor()
    await page.getByRole('button', { name: 'Nhập tất cả' }).click()
    await page.getByText('Đã nhập: mới 2, đã có 0, lỗi 0').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    expect(await site.db.selectFrom('responses').select('id').execute()).toHaveLength(2)

    await page.getByRole('link', { name: 'Nhật ký' }).click()
    await page.getByText(/Chuỗi băm nguyên vẹn/).waitFor()
    await page.getByRole('rowheader', { name: 'Ban hành phiếu khảo sát' }).waitFor()
    await page.close()
  }, 60_000)

  it('a manager pairs a tablet from the kiosk page and creates an API key shown once', async () => {
    const stp = await site.db.selectFrom('agencies').select('id').where('code', '=', 'STP').executeTakeFirstOrThrow()
    await site.db
      .insertInto('desks')
      .values({ agency_id: stp.id, code: 'MC-05', name: 'Quầy chứng thực', public_token: 'desk_browsertestdesk05', created_at: new Date().toISOString() })
      .execute()
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } })
    page.setDefaultTimeout(8000)
    await signInAs(page, 'quanly', 'mat-khau-quan-ly-1')
    await page.getByRole('link', { name: 'Máy tính bảng' }).click()
    await page.getByLabel('Quầy', { exact: true }).selectOption({ label: 'Sở Tư pháp — Quầy chứng thực' })
    await page.getByLabel('Tên máy').fill('Máy quầy 5')
    await page.getByRole('button', { name: 'Tạo và lấy mã ghép nối' }).click()
    const link = (await page.locator('code.link-text').textContent())!
    expect(link).toMatch(/\/kiosk#pair=kpair_/)
    expect(await page.getByRole('img', { name: 'Mã QR ghép nối' }).locator('svg').count()).toBe(1)
    expect(await seriousA11yViolations(page)).toEqual([])
    const tablet = await site.browser.newPage()
    await tablet.goto(link)
    await tablet.getByText('Quầy chứng thực').first().waitFor()
    await tablet.close()
    await page.reload()
    await page
      .getByRole('row', { name: /Máy quầy 5/ })
      .getByText('Hoạt động')
      .waitFor()

    await page.getByRole('link', { name: 'Khóa API' }).click()
    await page.getByLabel('Tên (dùng cho hệ thống nào)').fill('Phần mềm Một cửa')
    await page.getByRole('button', { name: 'Tạo khóa' }).click()
    const key = (await page.locator('code.link-text').textContent())!
    expect(key).toMatch(/^hlk_/)
    expect(await seriousA11yViolations(page)).toEqual([])
    const row = page.getByRole('row', { name: /Phần mềm Một cửa/ })
    await row.getByRole('button', { name: 'Thu hồi…' }).click()
    await page.getByRole('dialog').getByText('Các mã đã in trên giấy hẹn vẫn dùng được').waitFor()
    await page.getByRole('dialog').getByRole('button', { name: 'Thu hồi khóa' }).click()
    await row.getByText('Đã thu hồi').waitFor()
    await page.close()
  }, 60_000)

  it('a manager sees neither survey versions nor the audit log', async () => {
    const page = await site.browser.newPage()
    await signInAs(page, 'quanly', 'mat-khau-quan-ly-1')
    expect(await page.getByRole('link', { name: 'Phiếu khảo sát' }).count()).toBe(0)
    expect((await page.request.get(`${site.url}/api/v1/admin/surveys`)).status()).toBe(403)
    expect((await page.request.get(`${site.url}/api/v1/admin/audit`)).status()).toBe(403)
    await page.close()
  })

  it('a page opened by its address without the right to says so in words instead of showing a form that cannot work', async () => {
    const page = await site.browser.newPage()
    await signInAs(page, 'chixem', 'mat-khau-chi-xem-1')
    for (const [path, title] of [
      ['/admin/users', 'Tài khoản cán bộ'],
      ['/admin/privacy', 'Dữ liệu cá nhân'],
      ['/admin/surveys', 'Phiếu khảo sát và phiên bản'],
    ]) {
      await page.goto(`${site.url}${path}`)
      await page.getByRole('heading', { level: 1, name: title }).waitFor()
      await page.getByRole('alert').getByText('Tài khoản không có quyền này').waitFor()
      expect(await page.locator('main form').count()).toBe(0)
    }
    await page.close()
  })
})
