import { describe, expect, it } from 'vitest'
import { DEFAULT_TIMEZONE, quarterOf } from '../../server/domain/periods.ts'
import { closeQuarter, publishQuarter } from '../../server/periods/service.ts'
import { SurveyCatalog } from '../../server/surveys/catalog.ts'
import { createUser } from '../../server/auth/service.ts'
import { browserSuite, openPage, staffContext, type TestServer } from '../helpers/browser.ts'
import { makeAgency, makeDesk, post, submission } from '../helpers/factories.ts'

const quarter = quarterOf(new Date(), DEFAULT_TIMEZONE)
const PASSWORD = 'mat-khau-rat-dai-123'

/** A province at the top of the tree with a department that has one rating. */
async function province(server: TestServer, code: string) {
  const p = await makeAgency(server.db, { code, name: `Tỉnh ${code}`, kind: 'province' })
  const department = await makeAgency(server.db, { code: `${code}-SNV`, name: `Sở Nội vụ ${code}`, parentId: p.id })
  const desk = await makeDesk(server.db, department.id)
  await post(server.app, '/api/v1/responses', submission({ overall: 5 }), desk.token)
}

// The quarter under way, closed and published as if it had ended (the service is told a later moment).
const site = browserSuite({
  prepare: async (server) => {
    await province(server, 'TINH-SL')
    const deps = { db: server.db, catalog: new SurveyCatalog(server.db), timeZone: DEFAULT_TIMEZONE, minSample: 1 }
    const later = new Date(Date.now() + 200 * 86_400_000)
    await closeQuarter(deps, { instrument: 'mot-cua', quarter, actor: 'test' }, later)
    await publishQuarter(deps, { instrument: 'mot-cua', quarter, actor: 'test' }, later)
    await createUser(server.db, { username: 'quantri', password: PASSWORD, role: 'admin', agencyId: null, actor: 'test' }, server.clock.now())
  },
})

/** What the accounts page calls the reach of an account without an agency, in the table and in the agency picker. */
async function accountReach(): Promise<string[]> {
  const { context, page } = await staffContext(site, 'quantri', {}, PASSWORD)
  await page.goto(`${site.url}/admin/users`)
  const cell = page
    .getByRole('row', { name: /quantri/ })
    .getByRole('cell')
    .nth(2)
  // Read once every request of the page has been answered: before its meta arrives the page says the province.
  await page.waitForFunction(() => document.querySelectorAll('#u-agency option').length > 1)
  await page.waitForLoadState('networkidle')
  const reach = [(await cell.textContent())!, (await page.locator('#u-agency option').first().textContent())!]
  await context.close()
  return reach
}

async function overallLabel(): Promise<string> {
  const { context, page } = await openPage(site, `${site.url}/cong-khai/mot-cua/${quarter}`)
  const label = page.locator('main p strong').first()
  await label.waitFor()
  const text = (await label.innerText()).replace(/\s+/g, ' ')
  await context.close()
  return text
}

describe('the public results page of a quarter not published', () => {
  it('says so and leads back to the published quarters', async () => {
    const { context, page } = await openPage(site, `${site.url}/cong-khai/mot-cua/2020-Q1`)
    await page.getByRole('alert').getByText('Kết quả quý này chưa được công bố').waitFor()
    await page.getByRole('link', { name: '← Danh sách các quý' }).click()
    await page.getByRole('link', { name: `mot-cua · ${quarter}` }).waitFor()
    await context.close()
  })
})

describe('the public results page and the accounts page name what the whole deployment covers', () => {
  it('"Toàn tỉnh" in a provincial deployment', async () => {
    expect(await overallLabel()).toBe('Toàn tỉnh Whole province')
    expect(await accountReach()).toEqual(['Toàn tỉnh', 'Toàn tỉnh'])
  })

  it('"Toàn quốc" once several provinces are at the top (a Ministry-level deployment)', async () => {
    await province(site.server, 'TINH-HN')
    await province(site.server, 'TINH-DN')
    expect(await overallLabel()).toBe('Toàn quốc Nationwide')
    // An admin without an agency reaches every province: the accounts page says so too.
    expect(await accountReach()).toEqual(['Toàn quốc', 'Toàn quốc'])
  })
})
