import fs from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { browserSuite, phone, seriousA11yViolations, tablet } from '../helpers/browser.ts'
import { makeAgency, makeDesk, makeKiosk } from '../helpers/factories.ts'

const PACK_FILE = fileURLToPath(new URL('../fixtures/language-packs/xx.json', import.meta.url))
const SHOTS = '/tmp/shots-i21'
let desk: { id: number; token: string }
const site = browserSuite({
  prepare: async (server) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const agency = await makeAgency(server.db, { code: 'UBX', name: 'UBND xã Thử' })
    desk = await makeDesk(server.db, agency.id, 'MC-01')
    await createUser(server.db, { username: 'quantri', password: 'mat-khau-quan-tri-1', role: 'admin', agencyId: null, actor: 'test' }, new Date())
  },
})

describe('a province language pack', () => {
  it('an admin uploads it (a broken file is refused field by field), gives it to a desk and reads what is missing', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 } })
    page.setDefaultTimeout(8000)
    await page.goto(`${site.url}/login`)
    await page.getByLabel('Tên đăng nhập').fill('quantri')
    await page.getByLabel('Mật khẩu').fill('mat-khau-quan-tri-1')
    await page.getByRole('button', { name: 'Đăng nhập' }).click()
    await page.waitForURL(/\/dashboard/)
    await page.getByRole('link', { name: 'Ngôn ngữ', exact: true }).click()
    await page.getByText('Chưa có gói ngôn ngữ nào').waitFor()

    const broken = { ...JSON.parse(fs.readFileSync(PACK_FILE, 'utf8')), code: 'en', ui: { 'kiosk.nope': 'x' } }
    await page.getByLabel('Tệp ngôn ngữ (.json)').setInputFiles({ name: 'hong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) })
    const refusal = page.getByRole('alert')
    await refusal.getByText('Dữ liệu không hợp lệ').waitFor()
    await refusal.getByText('Mã ngôn ngữ').waitFor()
    await refusal.getByText('Chuỗi giao diện kiosk.nope').waitFor()

    await page.getByLabel('Tệp ngôn ngữ (.json)').setInputFiles(PACK_FILE)
    await page.getByText('Đã lưu gói ngôn ngữ từ tệp xx.json').waitFor()
    await page.getByLabel('Quầy', { exact: true }).selectOption({ label: 'UBND xã Thử — Quầy MC-01 (Tiếng Việt)' })
    await page.getByLabel('Ngôn ngữ', { exact: true }).selectOption({ label: 'Tiếng thử nghiệm (Xx-test)' })
    await page.getByRole('button', { name: 'Lưu' }).click()
    await page.getByText('Máy tính bảng và mã QR của quầy hiện Tiếng thử nghiệm trước').waitFor()

    const pack = page.locator('[data-pack="xx"]')
    await pack.locator('summary', { hasText: 'chuỗi còn thiếu' }).click()
    await pack.getByRole('cell', { name: 'kiosk.thanks', exact: true }).waitFor()
    await pack.getByRole('cell', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).first().waitFor()
    await pack.locator('summary', { hasText: 'Đánh giá nhanh tại Bộ phận Một cửa' }).click()
    await pack.getByRole('cell', { name: 'q.staff', exact: true }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.screenshot({ path: `${SHOTS}/admin-languages-1440.png`, fullPage: false })
    await page.close()
  })

  it('the kiosk at that desk shows it first, Vietnamese where a string is missing, the privacy notice too', async () => {
    const { code } = await makeKiosk(site.db, desk.id)
    const context = await site.browser.newContext(tablet)
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await page.goto(`${site.url}/kiosk#pair=${code}`)
    await page.getByRole('button', { name: 'XX start', exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'Xx-test' }).getAttribute('aria-pressed')).toBe('true')
    await page.getByText('XX tap here').waitFor()
    await page.locator('details.privacy-notice summary').getByText('XX privacy').waitFor()
    // Not in the pack: the Vietnamese line, never a blank.
    await page.locator('details.privacy-notice summary').click()
    await page.getByText('Mục đích: đo sự hài lòng', { exact: false }).waitFor()
    await page.screenshot({ path: `${SHOTS}/kiosk-idle-xx-1024.png` })

    await page.getByRole('button', { name: 'XX start', exact: true }).click()
    await page.getByRole('heading', { name: 'XX how satisfied' }).waitFor()
    await page.getByRole('button', { name: 'XX very good' }).waitFor()
    await page.getByRole('button', { name: 'Hài lòng', exact: true }).waitFor()
    await page.getByRole('button', { name: 'XX back' }).waitFor()
    await page.screenshot({ path: `${SHOTS}/kiosk-faces-xx-1024.png` })
    // `xx` is on purpose no real language (no invented translations ship), so axe rightly calls its lang tag invalid.
    expect((await seriousA11yViolations(page)).filter((v: { id: string }) => v.id !== 'html-lang-valid' && v.id !== 'valid-lang')).toEqual([])

    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'How satisfied are you with the service today?' }).waitFor()
    await page.getByRole('button', { name: 'Very satisfied' }).click()
    await page.getByRole('heading', { name: 'Thank you for your feedback!' }).waitFor()
    // The next citizen starts in the desk's language again; the missing thank-you reads in Vietnamese.
    await page.getByRole('button', { name: /Back to start/ }).click()
    await page.getByRole('button', { name: 'XX start', exact: true }).click()
    await page.getByRole('button', { name: 'XX very good' }).click()
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor()
    await context.close()
  })

  it('the phone survey of that desk shows it first too', async () => {
    const context = await site.browser.newContext(phone)
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await page.goto(`${site.url}/d/${desk.token}`)
    await page.getByText('XX how satisfied').waitFor()
    expect(await page.getByRole('button', { name: 'Xx-test' }).getAttribute('aria-pressed')).toBe('true')
    await page.getByRole('button', { name: 'XX next' }).waitFor()
    await context.close()
  })
})
