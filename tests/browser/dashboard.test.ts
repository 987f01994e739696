import ExcelJS from 'exceljs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEFAULT_TIMEZONE, quarterOf, shiftQuarter } from '../../server/domain/periods.ts'
import { browserSuite, demoProvince, seriousA11yViolations, signedInPage, signIn, staffContext } from '../helpers/browser.ts'

const previousQuarter = shiftQuarter(quarterOf(new Date(), DEFAULT_TIMEZONE), -1)
const site = browserSuite({ prepare: demoProvince })

const signInAs = (page: Page, username: string) => signIn(page, site.url, username)

describe('Home Affairs dashboard', () => {
  it('an admin opens a quarter’s ranking, an agency, and downloads the XLSX', async () => {
    const context = await site.browser.newContext({ acceptDownloads: true, viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
    const page = await context.newPage()
    await signInAs(page, 'admin')
    await page.getByLabel('Kỳ').selectOption(previousQuarter)
    const ranking = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await ranking.waitFor()
    const firstRow = ranking.locator('tbody tr').first()
    await expect(firstRow.locator('td').first().textContent()).resolves.toBe('1')
    expect(await ranking.locator('tbody tr').count()).toBeGreaterThan(10)
    // Vietnamese number format on screen: two decimals with a comma.
    expect(await firstRow.locator('td.strong').textContent()).toMatch(/^\d{2,3},\d{2}$/)
    expect(await seriousA11yViolations(page)).toEqual([])

    // Sorting by name with the keyboard.
    await page.getByRole('button', { name: 'Cơ quan' }).focus()
    await page.keyboard.press('Enter')
    await expect(ranking.getByRole('columnheader', { name: 'Cơ quan' }).getAttribute('aria-sort')).resolves.toBe('ascending')

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải Excel (XLSX)' }).click()])
    expect(download.suggestedFilename()).toBe(`hailong-mot-cua-${previousQuarter}.xlsx`)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.readFile((await download.path())!)
    expect(wb.getWorksheet('Xếp hạng')!.rowCount).toBeGreaterThan(10)

    const stpRank = await ranking
      .locator('tbody tr', { has: page.getByRole('link', { name: 'Sở Tư pháp' }) })
      .locator('td')
      .first()
      .textContent()
    // The survey's definition (the questions' words) comes late, as on a slow line: the page must wait for it.
    await page.route(
      (url) => url.pathname.startsWith('/api/v1/surveys/'),
      async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 1000))
        await route.continue()
      },
    )
    await ranking.getByRole('link', { name: 'Sở Tư pháp' }).click()
    await page.getByRole('heading', { level: 1, name: 'Sở Tư pháp' }).waitFor()
    // Its page names the same rank as the ranking (it asks for its own row only).
    await page.getByText(`Hạng: ${stpRank}`).first().waitFor()
    await page.getByRole('heading', { name: 'Tiêu chí' }).waitFor()
    // The criteria are named by their questions from the moment they appear, never by their ids.
    expect(await page.locator('section.card', { hasText: 'Tiêu chí' }).innerText()).not.toMatch(/^(overall|staff|time)$/m)
    await page.getByRole('heading', { name: 'Theo kênh', exact: true }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })

  it('a manager sees their own agency and cannot reach another', async () => {
    const { context, page } = await signedInPage(site, 'quanly.stp')
    await page.getByLabel('Kỳ').selectOption(previousQuarter)
    const ranking = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await ranking.waitFor()
    expect(await ranking.locator('tbody tr').count()).toBe(1)
    expect(await ranking.locator('tbody tr th').textContent()).toBe('Sở Tư pháp')
    await page.goto(`${site.url}/agencies/SNV?survey=mot-cua&period=${previousQuarter}`)
    await page.getByRole('alert').filter({ hasText: 'ngoài phạm vi' }).waitFor()
    const api = await page.request.get(`${site.url}/api/v1/dashboard/agencies/SNV?survey=mot-cua&period=${previousQuarter}`)
    expect(api.status()).toBe(404)
    await context.close()
  })

  it('says in words why the ranking did not load when the network drops or the server fails', async () => {
    const { context, page } = await signedInPage(site, 'admin')
    await page.route('**/api/v1/reports/**', (route) => route.abort('internetdisconnected'))
    await page.getByLabel('Kỳ').selectOption(previousQuarter)
    await page.getByRole('alert').filter({ hasText: 'Không kết nối được máy chủ. Kiểm tra mạng rồi tải lại trang.' }).waitFor()
    await page.unroute('**/api/v1/reports/**')
    await page.route('**/api/v1/reports/**', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' }))
    await page.getByLabel('Loại cơ quan').selectOption('department')
    const alert = page.getByRole('alert').filter({ hasText: 'Máy chủ gặp lỗi khi trả lời (mã 502)' })
    await alert.waitFor()
    expect(await alert.textContent()).not.toContain('HTTP')
    await context.close()
  })

  it('sends a visitor without a session to the sign-in page', async () => {
    const page = await site.browser.newPage()
    await page.goto(`${site.url}/dashboard`)
    await page.waitForURL(/\/login\?next=/)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.close()
  })
})

describe('the ranking on a desktop screen', () => {
  /** The ranking's scrolling box, its last column's header and the hint above it, as the admin's screen shows them. */
  async function ranking(width: number, height: number) {
    const { context, page } = await staffContext(site, 'admin', { viewport: { width, height } })
    await page.goto(`${site.url}/dashboard`)
    const table = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await table.locator('tbody tr').first().waitFor()
    await page.waitForLoadState('networkidle')
    await page.getByRole('link', { name: 'Tải Excel (XLSX)' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: `/tmp/shots-ranking-${width}x${height}.png` })
    const box = page.getByRole('region', { name: 'Bảng xếp hạng' })
    const hint = page.getByText('Bảng rộng hơn màn hình: cuộn ngang để xem các cột bên phải →')
    /** Whether the last column's header lies wholly inside the scrolling box. */
    const lastShown = () =>
      box.evaluate((el) => {
        const last = el.querySelector('thead th:last-child')!.getBoundingClientRect()
        const shown = el.getBoundingClientRect()
        return last.right <= shown.right + 0.5 && last.left >= shown.left
      })
    return { context, page, box, hint, lastShown }
  }

  it('at 1440×900 has every column in view, with nothing to scroll', async () => {
    const { context, hint, lastShown } = await ranking(1440, 900)
    expect(await lastShown()).toBe(true)
    expect(await hint.count()).toBe(0)
    await context.close()
  })

  it('narrower, says that more columns lie to the right, and shades the edge until scrolled to them', async () => {
    const { context, page, box, hint, lastShown } = await ranking(1024, 768)
    expect(await lastShown()).toBe(false)
    expect(await hint.isVisible()).toBe(true)
    const shade = () => page.locator('.scroll-more').evaluate((el) => getComputedStyle(el, '::after').backgroundImage)
    expect(await shade()).toContain('gradient')
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }))
    await page.waitForFunction(() => !document.querySelector('.scroll-more.more'))
    expect(await lastShown()).toBe(true)
    expect(await shade()).toBe('none')
    await context.close()
  })
})
