import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { seedDemoIfEmpty } from '../../server/demo/seed.ts'
import { DEFAULT_TIMEZONE } from '../../server/domain/periods.ts'
import { makeKiosk, submission } from '../helpers/factories.ts'
import { browserSuite, signIn } from '../helpers/browser.ts'

const SHOTS = '/tmp/shots-i17'
const site = browserSuite({
  prepare: async (server) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    await seedDemoIfEmpty(server.db, { timeZone: DEFAULT_TIMEZONE, clock: server.clock })
  },
})

const signInAs = (page: Page, username: string) => signIn(page, site.url, username)

/** A tablet at the first desk of the Department of Justice (STP), paired as staff would. */
async function stpTablet() {
  const desk = await site.db
    .selectFrom('desks')
    .innerJoin('agencies', 'agencies.id', 'desks.agency_id')
    .select(['desks.id', 'desks.name'])
    .where('agencies.code', '=', 'STP')
    .orderBy('desks.id')
    .executeTakeFirstOrThrow()
  const { code } = await makeKiosk(site.db, desk.id, site.clock.now(), 'Máy quầy thử')
  const paired = await (await fetch(`${site.url}/api/v1/kiosk/pair`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }) })).json()
  return { desk, secret: paired.secret as string }
}

describe('live operations in the staff app', () => {
  it('an alert appears on an open dashboard within seconds of the ratings, without a reload; the heat map shows its n', async () => {
    const tablet = await stpTablet()
    const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })
    const page = await context.newPage()
    await signInAs(page, 'quanly.stp')
    const panel = page.getByRole('region', { name: 'Cảnh báo đang mở' })
    await panel.getByText('Không có cảnh báo nào đang mở.').waitFor()
    // Anything that reloads the page loses this mark.
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true))

    const items = [1, 2, 1, 1].map((overall) => submission(overall <= 3 ? { overall, reasons: ['wait'], comment: 'Chờ hơn một tiếng' } : { overall }))
    const res = await fetch(`${site.url}/api/v1/responses/batch`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${tablet.secret}` },
      body: JSON.stringify({ items }),
    })
    expect((await res.json()).created).toBe(4)

    await panel.getByRole('link', { name: 'Nhiều đánh giá không hài lòng' }).waitFor({ timeout: 10_000 })
    await expect(panel.getByText('4/4 đánh giá từ 2 sao trở xuống trong 15 phút').isVisible()).resolves.toBe(true)
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true)

    await page.getByRole('heading', { name: 'Theo giờ trong tuần' }).scrollIntoViewIfNeeded()
    const heat = page.getByRole('table', { name: 'Chỉ số theo giờ và thứ trong tuần' })
    await heat.waitFor()
    await heat.scrollIntoViewIfNeeded()
    const filled = heat.locator('td[data-n]:not([data-n="0"])')
    expect(await filled.count()).toBeGreaterThan(5)
    expect(await filled.first().textContent()).toMatch(/n=\d+/)
    await page.getByText(/^n = \d+ đánh giá\./).waitFor()
    await page.screenshot({ path: `${SHOTS}/dashboard.png`, fullPage: true })
    await context.close()
  })

  it('the "Trực tiếp" page shows today per desk and the tablet, and the alert is taken on and closed', async () => {
    const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })
    const page = await context.newPage()
    await signInAs(page, 'quanly.stp')
    await page.getByRole('link', { name: 'Trực tiếp' }).click()
    await page.getByRole('heading', { level: 1, name: 'Trực tiếp' }).waitFor()
    await page.getByText('● Đang cập nhật trực tiếp').waitFor()
    const card = page.locator('.desk-card.has-alert').first()
    await card.getByText('Máy quầy thử: Hoạt động', { exact: false }).waitFor()
    await expect(card.locator('.desk-n').textContent()).resolves.toBe('4')

    await page.screenshot({ path: `${SHOTS}/live.png`, fullPage: true })
    // English second: the same page in English.
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { level: 1, name: 'Live' }).waitFor()
    await page.getByText('4 of 4 ratings at 2 or below within 15 minutes').waitFor()
    await page.screenshot({ path: `${SHOTS}/live-en.png`, fullPage: true })
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()

    await page.getByRole('region', { name: 'Cảnh báo đang mở' }).getByRole('link', { name: 'Nhiều đánh giá không hài lòng' }).click()
    await page.getByText('“Chờ hơn một tiếng”').first().waitFor()
    await page.getByRole('button', { name: 'Tiếp nhận (tôi phụ trách)' }).click()
    await page.getByText('Đã tiếp nhận', { exact: true }).first().waitFor()
    await page.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click()
    await page.getByRole('alert').getByText('Dữ liệu không hợp lệ').waitFor()
    await page.getByLabel('Kết quả xử lý (bắt buộc khi đóng)').fill('Mở thêm một quầy trong giờ cao điểm')
    await page.getByLabel('Thêm trao đổi').fill('Đã báo lãnh đạo Sở')
    await page.getByRole('button', { name: 'Gửi' }).click()
    await page.getByText('Đã báo lãnh đạo Sở').last().waitFor()
    await page.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click()
    await page.locator('h1 .badge.state-resolved').waitFor()
    await page.screenshot({ path: `${SHOTS}/alert.png`, fullPage: true })

    await page.goto(`${site.url}/alerts/rules`)
    await page.getByRole('heading', { name: 'Nhiều đánh giá không hài lòng' }).waitFor()
    await page.screenshot({ path: `${SHOTS}/rules.png`, fullPage: true })
    await context.close()
  })
})
