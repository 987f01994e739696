import { randomUUID } from 'node:crypto'
import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { DEFAULT_TIMEZONE, quarterOf } from '../../server/domain/periods.ts'
import { browserSuite, phone, tablet } from '../helpers/browser.ts'
import { makeAgency, makeApiKey, makeDesk, makeKiosk, post } from '../helpers/factories.ts'

// XSS payloads typed into an agency name (by an admin) and a comment (by anyone with a desk link) must be
// shown as text on every page that shows them, and run nothing. The page's CSP would block inline
// handlers anyway; the test also looks for the elements themselves, so it fails on HTML injection even
// when the CSP saves the day.
const NAME = `Sở "><svg onload=window.__xss=1> <img src=x onerror="window.__xss=2;alert(2)"> <script>window.__xss=3</script>`
const COMMENT = `Chờ lâu <script>alert(4)</script> <a href="javascript:window.__xss=5">bấm</a> <iframe src="javascript:alert(6)"></iframe> {{constructor.constructor('window.__xss=7')()}}`

let desk: { id: number; token: string }
let receipt: string
let pairingCode: string
const quarter = quarterOf(new Date(), DEFAULT_TIMEZONE)
const USER = { username: 'admin-xss', password: 'mat-khau-rat-dai-123' }

const site = browserSuite({
  minSample: 1,
  prepare: async (server) => {
    const province = await makeAgency(server.db, { code: 'TINH', name: 'Tỉnh Sơn La', kind: 'province' })
    const agency = await makeAgency(server.db, { code: 'XSS', name: NAME, parentId: province.id })
    desk = await makeDesk(server.db, agency.id, 'MC-01')
    for (let i = 0; i < 3; i++) {
      const res = await post(
        server.app,
        '/api/v1/responses',
        { submissionId: randomUUID(), survey: 'mot-cua@1', answers: { overall: 2, reasons: ['wait'], comment: `${COMMENT} #${i}` } },
        desk.token,
      )
      expect(res.status).toBe(201)
    }
    const key = (await makeApiKey(server.db, agency.id)).key
    receipt = (await post(server.app, '/api/v1/invitations', { desk: 'MC-01', qr: [] }, key)).body.token
    pairingCode = (await makeKiosk(server.db, desk.id)).code
    await createUser(server.db, { ...USER, role: 'admin', agencyId: null, actor: 'test' }, new Date())
  },
})

/** Opens a page with traps set: any dialog, and any script the payloads would run, is recorded. */
async function visit(context: BrowserContext, url: string): Promise<{ page: Page; dialogs: string[] }> {
  const page = await context.newPage()
  const dialogs: string[] = []
  page.on('dialog', (d) => {
    dialogs.push(d.message())
    void d.dismiss()
  })
  await page.goto(`${site.url}${url}`)
  return { page, dialogs }
}

async function expectInert(page: Page, dialogs: string[], literal: string) {
  // Shown as text, character for character.
  await page.getByText(literal, { exact: false }).filter({ visible: true }).first().waitFor({ timeout: 15_000 })
  await page.waitForTimeout(300)
  expect(dialogs).toEqual([])
  expect(await page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss)).toBeUndefined()
  // And no element of the payloads made it into the document.
  const injected = await page.evaluate(() => ({
    handlers: document.querySelectorAll('[onload],[onerror]').length,
    images: document.querySelectorAll('img[src="x"]').length,
    inlineScripts: [...document.querySelectorAll('script')].filter((s) => !s.src).length,
    jsLinks: document.querySelectorAll('a[href^="javascript:"], iframe[src^="javascript:"]').length,
  }))
  expect(injected).toEqual({ handlers: 0, images: 0, inlineScripts: 0, jsLinks: 0 })
}

describe('hostile text is inert on every page that shows it', () => {
  describe('staff pages', () => {
    let context: BrowserContext
    beforeAll(async () => {
      context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' })
      const login = await context.request.post(`${site.url}/api/v1/auth/login`, { data: USER })
      expect(login.status()).toBe(200)
    })
    afterAll(() => context?.close())

    const nameShown = NAME.slice(0, 40)
    const commentShown = COMMENT.slice(0, 50)
    it.each([
      ['dashboard ranking', () => `/dashboard?survey=mot-cua&period=${quarter}`, nameShown],
      ['agency page', () => `/agencies/XSS?survey=mot-cua&period=${quarter}`, nameShown],
      ['agency page comments', () => `/agencies/XSS?survey=mot-cua&period=${quarter}`, commentShown],
      ['comments', () => '/comments', commentShown],
      ['comments, by agency', () => '/comments', nameShown],
      ['admin agencies', () => '/admin/agencies', nameShown],
      ['desk poster', () => `/desks/${desk.id}/poster`, nameShown],
      ['print view', () => `/print/mot-cua/${quarter}`, nameShown],
    ])('%s', async (_, url, literal) => {
      const { page, dialogs } = await visit(context, url())
      await expectInert(page, dialogs, literal)
      await page.close()
    })
  })

  it('phone survey header (desk link and receipt code)', async () => {
    const context = await site.browser.newContext(phone)
    for (const url of [`/d/${desk.token}`, `/r/${receipt}`]) {
      const { page, dialogs } = await visit(context, url)
      await expectInert(page, dialogs, NAME.slice(0, 40))
    }
    await context.close()
  })

  it('kiosk idle screen', async () => {
    const context = await site.browser.newContext(tablet)
    const { page, dialogs } = await visit(context, `/kiosk#pair=${pairingCode}`)
    await page.getByRole('button', { name: 'Đánh giá', exact: true }).waitFor()
    await expectInert(page, dialogs, NAME.slice(0, 40))
    await context.close()
  })
})
