import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { DEFAULT_TIMEZONE, quarterOf } from '../../server/domain/periods.ts'
import { browserSuite, seriousA11yViolations, signIn } from '../helpers/browser.ts'
import { makeAgency, makeDesk, post, submission } from '../helpers/factories.ts'

// A Ministry-wide ranking has thousands of agencies; drawing them all made the first screen take seconds.
const AGENCIES = 130
const PASSWORD = 'mat-khau-quan-tri-1'
const site = browserSuite({
  minSample: 1,
  prepare: async (server) => {
    const province = await makeAgency(server.db, { code: 'TINH', kind: 'province', name: 'Tỉnh Thử' })
    for (let i = 1; i <= AGENCIES; i++) {
      const agency = await makeAgency(server.db, { code: `XA${i}`, name: `UBND xã Thử ${i}`, kind: 'commune', parentId: province.id })
      const desk = await makeDesk(server.db, agency.id, 'MC-01')
      expect((await post(server.app, '/api/v1/responses', submission({ overall: 1 + (i % 5) }), desk.token)).status).toBe(201)
    }
    await createUser(server.db, { username: 'quantri', password: PASSWORD, role: 'admin', agencyId: null, actor: 'test' }, new Date())
  },
})

describe('a long ranking', () => {
  it('draws the first 100 agencies, says how many there are, and draws the rest on request; the print view has them all', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN' })
    const heatMapAsks: string[] = []
    const reportAsks: string[] = []
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/dashboard/heatmap')) heatMapAsks.push(r.url())
      if (/\/api\/v1\/reports\/mot-cua\/[^/]+$/.test(new URL(r.url()).pathname)) reportAsks.push(new URL(r.url()).search)
    })
    await signIn(page, site.url, 'quantri', PASSWORD)
    const quarter = quarterOf(new Date(), DEFAULT_TIMEZONE)
    // Signing in lands on the dashboard: its own requests are let finish before counting this page's.
    await page.locator('table.ranking tbody tr').first().waitFor()
    reportAsks.length = 0
    await page.goto(`${site.url}/dashboard?survey=mot-cua&period=${quarter}`)
    const ranking = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await ranking.locator('tbody tr').first().waitFor()
    expect(await ranking.locator('tbody tr').count()).toBe(100)
    await page
      .getByRole('status')
      .filter({ hasText: `Đang hiện 100 trên ${AGENCIES} cơ quan` })
      .waitFor()
    // The first screen asks for the first 100 rows only, not the whole ranking.
    expect(reportAsks).toEqual(['?top=100'])
    expect(await seriousA11yViolations(page)).toEqual([])
    // The hour-by-weekday map below 100 rows (a scan of the quarter's ratings) is asked for only when scrolled to.
    expect(heatMapAsks).toEqual([])
    await page.getByRole('heading', { name: 'Theo giờ trong tuần' }).scrollIntoViewIfNeeded()
    await page.getByRole('table', { name: 'Chỉ số theo giờ và thứ trong tuần' }).waitFor()
    expect(heatMapAsks).toHaveLength(1)
    await page.getByRole('button', { name: `Hiện thêm ${AGENCIES - 100} cơ quan` }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/shots-ranking-rows.png' })
    // Sorting is over every agency, not only the rows drawn: the best index comes first either way.
    const firstIndex = await ranking.locator('tbody tr').first().locator('td').nth(1).textContent()
    await page.getByRole('button', { name: `Hiện thêm ${AGENCIES - 100} cơ quan` }).click()
    await expect.poll(() => ranking.locator('tbody tr').count()).toBe(AGENCIES)
    expect(await page.getByRole('button', { name: /Hiện thêm/ }).count()).toBe(0)
    expect(await ranking.locator('tbody tr').first().locator('td').nth(1).textContent()).toBe(firstIndex)
    // The rest came with the whole ranking, asked for once, when more rows were wanted.
    expect(reportAsks).toEqual(['?top=100', ''])

    // Another filter goes back to its first rows: the whole ranking is asked for again only when wanted.
    reportAsks.length = 0
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/reports/mot-cua/') && r.url().includes('channel='))
    await page.getByLabel('Kênh').selectOption({ index: 1 })
    await filtered
    await page.waitForLoadState('networkidle')
    expect(reportAsks).toHaveLength(1)
    expect(reportAsks[0]).toMatch(/^\?channel=[a-z-]+&top=100$/)

    // Sorting from the first screen sorts every agency: by name, "UBND xã Thử 1", "… 10", "… 100", …
    await page.goto(`${site.url}/dashboard?survey=mot-cua&period=${quarter}`)
    await ranking.locator('tbody tr').first().waitFor()
    await page.getByRole('button', { name: 'Cơ quan', exact: true }).click()
    const names = () => ranking.locator('tbody tr th').allTextContents()
    await expect.poll(async () => (await names()).slice(0, 3)).toEqual(['UBND xã Thử 1', 'UBND xã Thử 10', 'UBND xã Thử 100'])
    expect(await ranking.locator('tbody tr').count()).toBe(100)
    const sorted = await names()
    expect(sorted).toEqual([...sorted].sort((a, b) => a.localeCompare(b, 'vi')))

    await page.goto(`${site.url}/print/mot-cua/${quarter}`)
    const printed = page.getByRole('table', { name: 'Bảng xếp hạng' })
    await printed.locator('tbody tr').first().waitFor()
    expect(await printed.locator('tbody tr').count()).toBe(AGENCIES)
    expect(await page.getByRole('button', { name: /Hiện thêm/ }).count()).toBe(0)
    await page.close()
  })
})
