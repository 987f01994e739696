import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { appendAudit } from '../../server/audit/service.ts'
import { browserSuite, demoProvince, seriousA11yViolations, staffContext } from '../helpers/browser.ts'

const SHOTS = '/tmp/shots-i14'
fs.mkdirSync(SHOTS, { recursive: true })

const site = browserSuite({ prepare: demoProvince })

const staffPage = (username: string) => staffContext(site, username, { acceptDownloads: true })
const dialog = (page: Page) => page.getByRole('dialog')

describe('administration without typed codes', () => {
  it('desks: added from a pick-list, a bad code refused naming the field as labelled; renamed, given a survey per channel, deactivated after a confirmation', async () => {
    const { context, page } = await staffPage('quanly.stp')
    await page.goto(`${site.url}/admin/agencies`)
    const add = page.locator('section', { hasText: 'Thêm quầy' })
    await add.getByLabel('Cơ quan').selectOption({ label: 'Sở Tư pháp' })
    await add.getByLabel('Mã quầy').fill('MC 03')
    await add.getByLabel('Tên quầy').fill('Quầy công chứng')
    await add.getByRole('button', { name: 'Thêm quầy' }).click()
    const refusal = add.getByRole('alert')
    await refusal.getByText(/^Mã quầy/).waitFor()
    expect(await refusal.textContent()).not.toMatch(/\bcode\b/)
    await add.getByLabel('Mã quầy').fill('MC-03')
    await add.getByRole('button', { name: 'Thêm quầy' }).click()
    const row = page.locator('.desk-row', { hasText: 'Quầy công chứng' })
    await row.waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await row.getByRole('button', { name: 'Sửa' }).click()
    await row.getByLabel('Tên quầy').fill('Quầy công chứng số 3')
    await row.getByLabel('Phiếu cho mã qr tại quầy').selectOption({ label: 'Khảo sát sự hài lòng của người dân, tổ chức (SIPAS) — phiên bản 1' })
    await page.screenshot({ path: `${SHOTS}/staff-1440-desk-editor.png`, fullPage: true })
    await row.getByRole('button', { name: 'Lưu' }).click()
    const renamed = page.locator('.desk-row', { hasText: 'Quầy công chứng số 3' })
    await renamed.waitFor()
    const desk = await site.db.selectFrom('desks').select(['id', 'public_token']).where('name', '=', 'Quầy công chứng số 3').executeTakeFirstOrThrow()
    const link = (await (await site.server.app.request(`/api/v1/links/${desk.public_token}`)).json()) as { survey: string; active: boolean }
    expect(link.survey).toBe('sipas-2017@1')

    // Deactivating asks first and says what will happen; cancelling changes nothing.
    await renamed.getByRole('button', { name: 'Ngừng…' }).click()
    await dialog(page).getByText('Mã QR dán tại quầy sẽ báo "Quầy này đã ngừng nhận đánh giá"').waitFor()
    await page.screenshot({ path: `${SHOTS}/staff-1440-confirm-desk.png` })
    await dialog(page).getByRole('button', { name: 'Hủy, không làm gì' }).click()
    expect((await site.db.selectFrom('desks').select('active').where('id', '=', desk.id).executeTakeFirstOrThrow()).active).toBe(1)
    await renamed.getByRole('button', { name: 'Ngừng…' }).click()
    await dialog(page).getByRole('button', { name: 'Ngừng quầy' }).click()
    await page.locator('.desk-row', { hasText: 'Quầy công chứng số 3 (MC-03) — đã ngừng' }).waitFor()
    await context.close()
  })

  it('merging picks both agencies by name and confirms what will happen', async () => {
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/admin/agencies`)
    await page.getByLabel('Sáp nhập cơ quan', { exact: true }).selectOption({ label: 'UBND xã Sông Mã' })
    await page.getByLabel('vào cơ quan').selectOption({ label: 'UBND xã Mai Sơn' })
    await page.getByRole('button', { name: 'Sáp nhập…' }).click()
    await dialog(page).getByRole('heading', { name: 'Sáp nhập UBND xã Sông Mã vào UBND xã Mai Sơn?' }).waitFor()
    await dialog(page).getByText('Không hoàn tác được').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    expect(await dialog(page).isVisible()).toBe(false)
    const merged = await site.db.selectFrom('agencies').select('merged_into_id').where('code', '=', 'UBND-XA-SONG-MA').executeTakeFirstOrThrow()
    expect(merged.merged_into_id).toBeNull()
    await context.close()
  })

  it('tablets: renamed and moved in the page, revoked after a confirmation; the delays have their own screen', async () => {
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/admin/kiosks`)
    await page.getByLabel('Quầy', { exact: true }).selectOption({ label: 'Sở Tư pháp — Quầy chứng thực' })
    await page.getByLabel('Tên máy', { exact: true }).fill('Máy chứng thực')
    await page.getByRole('button', { name: 'Tạo và lấy mã ghép nối' }).click()
    const row = page.getByRole('row', { name: /Máy chứng thực/ })
    await row.waitFor()
    await row.getByRole('button', { name: 'Đổi tên, chuyển quầy' }).click()
    await row.getByLabel('Tên máy').fill('Máy lý lịch')
    await row.getByLabel('Quầy').selectOption({ label: 'Sở Tư pháp — Quầy lý lịch tư pháp' })
    await row.getByRole('button', { name: 'Lưu' }).click()
    const moved = page.getByRole('row', { name: /Máy lý lịch.*Quầy lý lịch tư pháp/ })
    await moved.waitFor()

    await page.getByLabel('Bỏ dở, không gửi, khi không chạm trong (giây)').fill('45')
    await page.getByLabel('Về màn hình đầu sau lời cảm ơn (giây)').fill('8')
    await page.getByRole('button', { name: 'Lưu thời gian chờ' }).click()
    await page.getByText('Đã lưu. Các máy sẽ dùng thời gian mới').waitFor()
    const stored = (await (await context.request.get(`${site.url}/api/v1/kiosks/settings`)).json()) as Record<string, number>
    expect(stored).toMatchObject({ idleTimeoutMs: 45_000, resetDelayMs: 8000 })
    await page.getByLabel('Về màn hình đầu sau lời cảm ơn (giây)').fill('-1')
    await page.getByRole('button', { name: 'Lưu thời gian chờ' }).click()
    await page.locator('section', { hasText: 'Thời gian chờ của máy tính bảng' }).getByRole('alert').getByText('Về màn hình đầu sau lời cảm ơn (giây)').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await moved.getByRole('button', { name: 'Thu hồi…' }).click()
    await dialog(page).getByText('không nhận đánh giá mới; những đánh giá máy đã lưu trước lúc này vẫn được gửi và tính').waitFor()
    await page.screenshot({ path: `${SHOTS}/staff-1440-confirm-revoke.png` })
    await dialog(page).getByRole('button', { name: 'Thu hồi máy' }).click()
    await page.getByRole('row', { name: /Máy lý lịch.*Đã thu hồi/ }).waitFor()
    await page.screenshot({ path: `${SHOTS}/staff-1440-kiosks.png`, fullPage: true })
    await context.close()
  })
})

describe('paper entry', () => {
  it('offers a template to download, its columns explained in plain words', async () => {
    const { context, page } = await staffPage('quanly.stp')
    await page.goto(`${site.url}/admin/import`)
    await page.getByLabel('Phiếu khảo sát').selectOption({ label: 'Đánh giá nhanh tại Bộ phận Một cửa — phiên bản 1' })
    const table = page.getByRole('table', { name: 'Các cột của mẫu, theo thứ tự' })
    await table.getByRole('row', { name: /submitted_at.*năm-tháng-ngày/ }).waitFor()
    await table.getByRole('row', { name: /overall.*Ông\/Bà hài lòng thế nào về sự phục vụ hôm nay\? — ghi một số: 1 = Rất không hài lòng/ }).waitFor()
    await table.getByRole('row', { name: /reasons.*cách nhau bằng dấu \|/ }).waitFor()
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Tải mẫu/ }).click()])
    const text = fs.readFileSync((await download.path())!, 'utf8')
    expect(text).toBe('\ufeffsubmission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment\r\n')
    await page.screenshot({ path: `${SHOTS}/staff-1440-import.png`, fullPage: true })
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })
})

describe('staff read words, not codes', () => {
  it('the audit log reads as sentences, filters by actor, action, agency and date, and pages past the latest 200', async () => {
    const at = new Date()
    for (let i = 0; i < 230; i++)
      await site.db
        .transaction()
        .execute((trx) => appendAudit(trx, { actor: 'user:quanly.stp', action: 'desk.update', target: 'desk:STP/MC-01', details: { name: `Quầy ${i}` } }, at))
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/admin/audit`)
    await page.getByText(/Chuỗi băm nguyên vẹn/).waitFor()
    const table = page.getByRole('table')
    await table.getByRole('rowheader', { name: 'Sửa quầy' }).first().waitFor()
    expect(await table.textContent()).not.toMatch(/desk\.update|user:|\{"/)
    await table.getByText('tên: Quầy 229').waitFor()

    await page.getByLabel('Hành động').selectOption({ label: 'Thêm máy tính bảng' })
    await page.getByText(/^\d mục — trang 1\/1$/).waitFor()
    expect(new Set(await table.getByRole('rowheader').allTextContents())).toEqual(new Set(['Thêm máy tính bảng']))
    await page.getByLabel('Hành động').selectOption({ label: 'Tất cả' })
    await page.getByLabel('Người thực hiện').selectOption({ label: 'quanly.stp' })
    await page.getByLabel('Cơ quan').selectOption({ label: 'Sở Tư pháp' })
    await page.getByText(/^2\d\d mục — trang 1\/\d$/).waitFor()
    const tomorrow = new Date(at.getTime() + 86_400_000).toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' })
    await page.getByLabel('Từ ngày').fill(tomorrow)
    await page.getByText(/^0 mục/).waitFor()
    await page.getByLabel('Từ ngày').fill('')
    await page.getByLabel('Người thực hiện').selectOption({ label: 'Tất cả' })
    await page.getByLabel('Cơ quan').selectOption({ label: 'Tất cả' })
    // Back to the first entry ever written, pages of 50 down, well past the latest 200. The caption is read
    // once the unfiltered list has arrived (it still says "0 mục" until then).
    await page.waitForFunction(() => Number(/trang 1\/(\d+)/.exec(document.querySelector('caption')?.textContent ?? '')?.[1] ?? 0) > 4)
    const caption = (await page.locator('caption').textContent())!
    const pages = Number(caption.match(/trang 1\/(\d+)/)![1])
    expect(pages).toBeGreaterThan(4)
    for (let i = 2; i <= pages; i++) {
      await page.getByRole('button', { name: 'Cũ hơn →' }).click()
      await page.getByText(new RegExp(`trang ${i}/${pages}$`)).waitFor()
    }
    expect(await page.getByRole('button', { name: 'Cũ hơn →' }).isDisabled()).toBe(true)
    await table.getByRole('cell', { name: '1', exact: true }).waitFor()
    await page.screenshot({ path: `${SHOTS}/staff-1440-audit.png`, fullPage: true })
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  }, 60_000)

  it('the audit log names closing, publishing, exclusions, exports and privacy in words, and groups its action filter in words', async () => {
    const at = new Date()
    const entries = [
      { action: 'period.close', target: 'period:mot-cua/2026-Q3', details: { version: 1, hash: 'ab'.repeat(32) } },
      { action: 'period.publish', target: 'period:mot-cua/2026-Q3', details: { snapshot: 1 } },
      { action: 'comments.export', target: 'comments', details: { format: 'csv', clear: false, rows: 877, filter: { q: null, period: null, status: 'all' } } },
      { action: 'exclusion.propose', target: 'response:7404', details: { exclusion: 1, reason: 'spam', note: 'Nội dung vô nghĩa' } },
      { action: 'user.create', target: 'user:xem2', details: { role: 'viewer', agencyId: null, homeAgencyId: null } },
      { action: 'officers.report', target: 'officers:*/2026-Q3', details: { officers: 0 } },
      { action: 'privacy.settings.set', target: 'privacy.settings', details: { before: { commentYears: null }, after: { commentYears: 3 } } },
    ]
    for (const e of entries) await site.db.transaction().execute((trx) => appendAudit(trx, { actor: 'user:kiem.tra', ...e }, at))
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/admin/audit`)
    await page.getByLabel('Người thực hiện').selectOption({ label: 'kiem.tra' })
    await page.getByText(/^7 mục — trang 1\/1$/).waitFor()
    const table = page.getByRole('table')
    for (const words of ['Khoá sổ quý', 'Công bố công khai', 'Tải góp ý', 'Đề nghị loại khỏi chỉ số', 'Xem báo cáo Một cửa', 'Đổi thiết lập dữ liệu cá nhân'])
      await table.getByRole('rowheader', { name: words }).waitFor()
    const text = (await table.textContent())!
    expect(text).toContain('Kỳ: Đánh giá nhanh tại Bộ phận Một cửa — 2026-Q3')
    expect(text).toContain('lý do: Rác, vô nghĩa')
    expect(text).toContain('bản chưa che: không; bộ lọc: trạng thái Tất cả; định dạng: csv; số dòng: 877')
    expect(text).toContain('Thiết lập dữ liệu cá nhân')
    expect(text).not.toMatch(/period|comments|exclusion|officers|privacy|homeAgencyId|snapshot|\bspam\b|\bclear\b|\brows\b|\bstatus\b/)
    const groups = await page.locator('#au-action optgroup').evaluateAll((els) => els.map((e) => (e as HTMLOptGroupElement).label))
    expect(groups.length).toBeGreaterThan(5)
    expect(groups.filter((g) => /^[a-z_]+$/.test(g))).toEqual([])
    await page.screenshot({ path: `${SHOTS}/staff-1440-audit-words.png`, fullPage: true })
    await context.close()
  })

  it('roles are named in Vietnamese and agencies by name on the accounts page', async () => {
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/admin/users`)
    const row = page.getByRole('row', { name: /quanly\.stp/ })
    await row.getByText('Quản lý cơ quan').waitFor()
    await row.getByRole('cell', { name: 'Sở Tư pháp', exact: true }).waitFor()
    const roleCells = await page.getByRole('table').locator('tbody tr td:nth-of-type(2)').allTextContents()
    expect(roleCells.length).toBeGreaterThan(2)
    for (const r of roleCells) expect(['Chỉ xem', 'Quản lý cơ quan', 'Quản trị (toàn tỉnh)']).toContain(r)
    expect(await page.getByLabel('Vai trò').locator('option').allTextContents()).toEqual(['Chỉ xem', 'Quản lý cơ quan', 'Quản trị (toàn tỉnh)'])
    await page.screenshot({ path: `${SHOTS}/staff-1440-users.png`, fullPage: true })
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })
})
