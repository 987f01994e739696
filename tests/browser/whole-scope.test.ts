import fs from 'node:fs'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { DEFAULT_TIMEZONE, quarterOf } from '../../server/domain/periods.ts'
import { browserSuite, openPage, staffContext } from '../helpers/browser.ts'
import { makeAgency, makeDesk } from '../helpers/factories.ts'

const PASSWORD = 'mat-khau-rat-dai-123'
let desk: { token: string }
// Each page at the staff desktop's size, for a person to look at: PNGs under /tmp/shots-whole-scope/ (not asserted).
const SHOTS = '/tmp/shots-whole-scope'
fs.mkdirSync(SHOTS, { recursive: true })

// A Ministry-level deployment: two provinces at the top of the tree, an admin who reaches all of them.
const site = browserSuite({
  prepare: async (server) => {
    for (const code of ['TINH-HN', 'TINH-SL']) {
      const p = await makeAgency(server.db, { code, name: `Tỉnh ${code}`, kind: 'province' })
      desk = await makeDesk(server.db, (await makeAgency(server.db, { code: `${code}-SNV`, name: `Sở Nội vụ ${code}`, parentId: p.id })).id)
    }
    await createUser(server.db, { username: 'quantri', password: PASSWORD, role: 'admin', agencyId: null, actor: 'test' }, server.clock.now())
    const sonLa = (await server.db.selectFrom('agencies').select('id').where('code', '=', 'TINH-SL').executeTakeFirstOrThrow()).id
    await createUser(server.db, { username: 'quanly.sl', password: PASSWORD, role: 'manager', agencyId: sonLa, actor: 'test' }, server.clock.now())
    const hanoiDept = (await server.db.selectFrom('agencies').select('id').where('code', '=', 'TINH-HN-SNV').executeTakeFirstOrThrow()).id
    await createUser(server.db, { username: 'quanly.snv-hn', password: PASSWORD, role: 'manager', agencyId: hanoiDept, actor: 'test' }, server.clock.now())
  },
})

/** The page's text once what it names the deployment by is on it. */
async function pageText(path: string, shown: string) {
  const { context, page } = await staffContext(site, 'quantri', {}, PASSWORD)
  await page.goto(`${site.url}${path}`)
  await page.getByText(shown).first().waitFor({ state: 'attached' })
  // Before the deployment's name has come every page says the province: read once every request is answered.
  await page.waitForLoadState('networkidle')
  await page.screenshot({ path: `${SHOTS}/${path.slice(1).replaceAll('/', '-')}.png`, fullPage: true })
  const text = await page.locator('main').evaluate((m) => [m.textContent, ...[...m.querySelectorAll('option')].map((o) => o.textContent)].join(' '))
  await context.close()
  return text
}

describe('in a Ministry-level deployment the staff pages name the nation, never the province, as the whole', () => {
  it.each([
    ['/admin/users', 'Quản trị (toàn quốc)'], // the role in the table and in the role picker
    ['/account', 'Quản trị (toàn quốc)'],
    ['/admin/audit', 'Quản trị (toàn quốc)'], // the role given in the account's creation entry
    ['/admin/kiosks', 'Áp dụng cho mọi máy trên toàn quốc'],
    ['/alerts/rules', 'Toàn quốc'],
    ['/admin/agencies', 'Không có (cấp cao nhất)'],
  ])('%s says "%s"', async (path, shown) => {
    const text = await pageText(path, shown)
    expect(text).toContain(shown)
    expect(text).not.toMatch(/toàn tỉnh|trong tỉnh|trực thuộc tỉnh|whole province|province-wide/i)
  })
})

describe('in a Ministry-level deployment the citizens’ privacy notice', () => {
  it('says who keeps the comments without calling them the province', async () => {
    const { context, page } = await openPage(site, `${site.url}/d/${desk.token}`)
    const notice = page.locator('details.privacy-notice')
    await notice.getByText('Dữ liệu của Ông/Bà được dùng thế nào').click()
    const text = (await notice.textContent())!
    expect(text).toContain('góp ý được giữ đến khi cơ quan quản lý quyết định xoá')
    expect(text).not.toMatch(/tỉnh/i)
    await context.close()
  })
})

describe('in a Ministry-level deployment the printed report', () => {
  const printPath = () => `/print/mot-cua/${quarterOf(site.clock.now(), DEFAULT_TIMEZONE)}`
  const authority = async (page: Page) => (await page.locator('.doc-head .authority').innerText()).replace(/\s+/g, ' ').trim()

  it('is issued by the Ministry (BỘ NỘI VỤ) for the admin, with no province shown even before the deployment’s name has come', async () => {
    const { context, page } = await staffContext(site, 'quantri', {}, PASSWORD)
    let release!: () => void
    const held = new Promise<void>((resolve) => (release = resolve))
    await page.route('**/api/v1/dashboard/meta', async (route) => {
      await held
      await route.continue()
    })
    const reported = page.waitForResponse((r) => r.url().includes('/api/v1/reports/'))
    await page.goto(`${site.url}${printPath()}`)
    await reported
    await page.waitForTimeout(300)
    // The report has come, the meta not: nothing names an issuer yet.
    expect(await page.locator('main').innerText()).not.toMatch(/UBND|SỞ NỘI VỤ|TỈNH/)
    release()
    await page.getByText('BỘ NỘI VỤ', { exact: true }).waitFor()
    expect(await authority(page)).toBe('BỘ NỘI VỤ')
    await page.getByText(/^Hà Nội, ngày \d{2} tháng \d{2} năm \d{4}$/).waitFor()
    await page.getByText('BỘ TRƯỞNG', { exact: true }).waitFor()
    expect(await page.locator('main').innerText()).not.toMatch(/UBND|SỞ NỘI VỤ|GIÁM ĐỐC/)
    await page.screenshot({ path: `${SHOTS}/print-ministry.png`, fullPage: true })
    await context.close()
  })

  it('is issued by the Sở Nội vụ of the province a province’s manager sees', async () => {
    const { context, page } = await staffContext(site, 'quanly.sl', {}, PASSWORD)
    await page.goto(`${site.url}${printPath()}`)
    await page.getByText('SỞ NỘI VỤ', { exact: true }).waitFor()
    expect(await authority(page)).toBe('UBND TỈNH TINH-SL SỞ NỘI VỤ')
    await page.getByText('GIÁM ĐỐC', { exact: true }).waitFor()
    await page.screenshot({ path: `${SHOTS}/print-province-manager.png`, fullPage: true })
    await context.close()
  })

  it('is issued by the Sở Nội vụ of the province above the agency of a manager who sees no province', async () => {
    const { context, page } = await staffContext(site, 'quanly.snv-hn', {}, PASSWORD)
    await page.goto(`${site.url}${printPath()}`)
    await page.getByText('SỞ NỘI VỤ', { exact: true }).waitFor()
    expect(await authority(page)).toBe('UBND TỈNH TINH-HN SỞ NỘI VỤ')
    await page.getByText(/^TINH-HN, ngày \d{2} tháng \d{2} năm \d{4}$/).waitFor()
    await page.screenshot({ path: `${SHOTS}/print-agency-manager.png`, fullPage: true })
    await context.close()
  })
})
