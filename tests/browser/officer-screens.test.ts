import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { demoUsers } from '../../server/demo/users.ts'
import { DEFAULT_TIMEZONE, quarterOf, shiftQuarter } from '../../server/domain/periods.ts'
import { fittedAxis } from '../../web/lib/chart-axis.ts'
import { browserSuite, demoProvince, seriousA11yViolations, staffContext } from '../helpers/browser.ts'

// Screens staff meet are looked at by a person too: PNGs under /tmp/shots-i14/ (not asserted).
const SHOTS = '/tmp/shots-i14'
fs.mkdirSync(SHOTS, { recursive: true })

const currentQuarter = quarterOf(new Date(), DEFAULT_TIMEZONE)
const previousQuarter = shiftQuarter(currentQuarter, -1)
const site = browserSuite({ prepare: demoProvince })

const staffPage = (username: string, viewport = { width: 1440, height: 900 }) => staffContext(site, username, { viewport })
const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!

describe('the SIPAS ranking is readable on screen and on paper', () => {
  it('keeps rank, name and index in view while scrolling, short element headers with the full name on hover and focus', async () => {
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/dashboard?survey=sipas-2017&period=${previousQuarter}`)
    const table = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await table.locator('tbody tr').first().waitFor()
    // Names take two lines at most (a line is about 24 px).
    const heights = await table.locator('tbody th.c2').evaluateAll((cells) => cells.map((c) => c.getBoundingClientRect().height))
    expect(Math.max(...heights)).toBeLessThan(60)
    // Every heading says what its column holds: no two alike.
    const headings = await table.locator('thead th').allInnerTexts()
    expect(new Set(headings).size).toBe(headings.length)
    expect(headings).toEqual(expect.arrayContaining(['Thay đổi hạng', 'Thay đổi chỉ số']))
    const element = table.locator('thead th.element').first()
    await expect(element.locator('[aria-hidden="true"]').first().textContent()).resolves.toBe('Tiếp cận…')
    await element.locator('.tip-host').hover()
    await element.getByRole('tooltip', { includeHidden: true }).filter({ hasText: 'Tiếp cận dịch vụ hành chính công' }).waitFor({ state: 'visible' })
    await page.mouse.move(0, 0)
    await element.locator('.tip-host').focus()
    expect(await element.locator('.tip').isVisible()).toBe(true)
    await page.screenshot({ path: `${SHOTS}/staff-1440-sipas-ranking.png`, fullPage: true })

    const before = await box(page, 'tbody th.c2')
    await page.locator('.ranking-wrap').evaluate((el) => (el.scrollLeft = el.scrollWidth))
    expect(await page.locator('.ranking-wrap').evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
    const after = await box(page, 'tbody th.c2')
    const index = await box(page, 'tbody td.c3')
    expect(after.x).toBeCloseTo(before.x, 0)
    expect(index.x).toBeGreaterThan(after.x)
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })

  it('prints every column on A4 landscape', async () => {
    // A4 landscape less 10 mm margins: 277 mm ≈ 1047 CSS px wide.
    const { context, page } = await staffPage('admin', { width: 1047, height: 740 })
    await page.goto(`${site.url}/print/sipas-2017/${previousQuarter}`)
    const table = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await table.locator('tbody tr').first().waitFor()
    // Filed as an administrative document: national heading, issuing authority, date, signature block.
    for (const text of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'UBND TỈNH SƠN LA',
      'SỞ NỘI VỤ',
      'NGƯỜI LẬP BIỂU',
      'GIÁM ĐỐC',
      '(Ký, ghi rõ họ tên, đóng dấu)',
    ])
      await page.getByText(text, { exact: true }).waitFor()
    await page.getByText(/^Sơn La, ngày \d{2} tháng \d{2} năm \d{4}$/).waitFor()
    await page.emulateMedia({ media: 'print' })
    const fits = await page.locator('table.ranking').evaluate((t) => ({ table: t.scrollWidth, page: document.documentElement.clientWidth, wrap: t.parentElement!.clientWidth }))
    expect(fits.table).toBeLessThanOrEqual(fits.wrap)
    expect(fits.table).toBeLessThanOrEqual(fits.page)
    // On paper the element columns carry their full names.
    const full = table.locator('thead th.element .sr-only').filter({ hasText: 'Tiếp nhận, giải quyết góp ý, phản ánh, kiến nghị' })
    expect(await full.evaluate((el) => el.getBoundingClientRect().width)).toBeGreaterThan(40)
    await page.screenshot({ path: `${SHOTS}/staff-print-a4-landscape.png`, fullPage: true })
    const pdf = await page.pdf({ preferCSSPageSize: true })
    fs.writeFileSync(`${SHOTS}/print.pdf`, pdf)
    // The page box is A4 landscape: 842 × 595 points.
    expect(pdf.toString('latin1')).toMatch(/MediaBox \[0 0 841\.9\d* 59[45]\.\d+\]/)
    await context.close()
  })
})

describe('agency page and filters', () => {
  it('a manager’s bare agency URL opens the newest period with data; a refused agency says so', async () => {
    const { context, page } = await staffPage('quanly.stp')
    await page.goto(`${site.url}/agencies/STP`)
    await page.getByRole('heading', { name: 'Sở Tư pháp', level: 1 }).waitFor()
    await expect(page.locator('.stat .big').first().textContent()).resolves.toMatch(/^\d{2,3},\d{2}$/)
    await page.getByText(new RegExp(`Đánh giá nhanh tại Bộ phận Một cửa · ${currentQuarter}`)).waitFor()
    // Question text, never its id.
    await page.getByText('Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?').first().waitFor()
    expect(await page.getByText(/\bovera ll\b|^overall$|mot-cua@1/).count()).toBe(0)
    await page.screenshot({ path: `${SHOTS}/staff-1440-agency-bare.png`, fullPage: true })
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.goto(`${site.url}/agencies/SNV`)
    await page.getByRole('heading', { name: 'Không xem được cơ quan này' }).waitFor()
    await page.getByText('nằm ngoài phạm vi tài khoản').waitFor()
    expect(await page.getByText('Chưa có dữ liệu').count()).toBe(0)
    await context.close()
  })

  it('with kind and channel filters, the card and the trend count the same answers and say which', async () => {
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/dashboard?survey=mot-cua&period=${previousQuarter}&kind=commune&channel=qr`)
    const card = page.locator('.card.stat')
    await card.getByRole('heading', { name: 'Toàn tỉnh · UBND xã, phường · Kênh: Mã QR' }).waitFor()
    await page.getByRole('heading', { name: 'Xu hướng 8 quý — Toàn tỉnh · UBND xã, phường · Kênh: Mã QR' }).waitFor()
    const n = (await card.getByText(/^n = \d+/).textContent())!.match(/n = (\d+)/)![1]
    const index = (await card.locator('.big').textContent())!
    const summary = (await page.locator('figcaption').textContent())!
    expect(summary).toContain(`${previousQuarter}: ${index}`)
    expect(summary).toContain(`(n=${n};`)
    // Unfiltered, the province counts more answers: the filters really apply to both.
    await page.goto(`${site.url}/dashboard?survey=mot-cua&period=${previousQuarter}`)
    await page.locator('.card.stat').getByRole('heading', { name: 'Toàn tỉnh', exact: true }).waitFor()
    const all = (await page
      .locator('.card.stat')
      .getByText(/^n = \d+/)
      .textContent())!.match(/n = (\d+)/)![1]
    expect(Number(all)).toBeGreaterThan(Number(n))
    expect(await page.locator('figcaption').textContent()).toContain(`(n=${all};`)
    await context.close()
  })

  it('marks the current, unfinished quarter in the picker, the card and the chart', async () => {
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/dashboard?survey=mot-cua&period=${currentQuarter}`)
    await page.getByRole('note').filter({ hasText: 'Quý này chưa kết thúc' }).waitFor()
    await expect(page.getByLabel('Kỳ').locator('option:checked').textContent()).resolves.toBe(`${currentQuarter} (quý đang diễn ra, chưa kết thúc)`)
    expect(await page.locator('figcaption').textContent()).toContain(`${currentQuarter} (quý đang diễn ra, chưa kết thúc)`)
    await page.screenshot({ path: `${SHOTS}/staff-1440-dashboard-current.png`, fullPage: true })
    await page.getByLabel('Kỳ').selectOption(previousQuarter)
    await page.waitForURL(new RegExp(`period=${previousQuarter}`))
    expect(await page.getByRole('note').count()).toBe(0)
    await context.close()
  })

  it('shows last quarter’s rank for an agency not ranked this quarter', async () => {
    const res = await site.server.app.request(`/api/v1/reports/sipas-2017/${currentQuarter}`, {
      headers: { Cookie: await cookieOf('admin') },
    })
    const report = (await res.json()) as { units: Array<{ agency: string; name: string; rank: number | null; previousRank: number | null; rankChange: number | null }> }
    const unranked = report.units.find((u) => u.rank === null && u.previousRank !== null)
    expect(unranked).toBeDefined()
    expect(unranked!.rankChange).toBeNull()
    const { context, page } = await staffPage('admin')
    await page.goto(`${site.url}/dashboard?survey=sipas-2017&period=${currentQuarter}`)
    const row = page.getByRole('table', { name: /Chưa đủ mẫu/ }).getByRole('row', { name: new RegExp(unranked!.name) })
    await expect(row.locator('td').last().textContent()).resolves.toBe(String(unranked!.previousRank))
    await context.close()
  })

  it('fits the dashboard and the agency page in a 390 px phone', async () => {
    const { context, page } = await staffPage('admin', { width: 390, height: 844 })
    for (const path of [`/dashboard?survey=sipas-2017&period=${previousQuarter}`, '/agencies/SNV']) {
      await page.goto(`${site.url}${path}`)
      await page.locator('.card.stat .big').first().waitFor()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    }
    await page.goto(`${site.url}/dashboard?survey=sipas-2017&period=${previousQuarter}`)
    await page.locator('.card.stat .big').first().waitFor()
    await page.screenshot({ path: `${SHOTS}/staff-390-dashboard.png`, fullPage: true })
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })
})

describe('the trend axis', () => {
  it('is fitted to the indices and their intervals, not fixed at 0–100', () => {
    const axis = fittedAxis(
      [
        { index: 84.2, ci95: [80.1, 88.3], sufficient: true },
        { index: 40, ci95: [10, 70], sufficient: false },
        { index: 91.5, ci95: [88, 95], sufficient: true },
      ],
      'share',
    )
    expect(axis.min).toBeGreaterThanOrEqual(70)
    expect(axis.min).toBeLessThanOrEqual(80.1)
    expect(axis.max).toBeGreaterThanOrEqual(95)
    expect(axis.max).toBeLessThanOrEqual(100)
    expect(fittedAxis([], 'share')).toEqual({ min: 0, max: 100 })
  })
})

async function cookieOf(username: string) {
  const user = demoUsers.find((u) => u.username === username)!
  const res = await site.server.app.request('/api/v1/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: user.password }),
  })
  return res.headers.get('Set-Cookie')!.split(';')[0]!
}
