import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { setPrivacySettings } from '../../server/privacy/service.ts'
import { browserSuite, openPage, pairedTablet, seriousA11yViolations } from '../helpers/browser.ts'
import { makeSnvDesk, post } from '../helpers/factories.ts'

const CONTACT = 'Văn phòng Sở Nội vụ, 0212 3852 000'
let desk: { id: number; token: string }
let key: string
const site = browserSuite({
  prepare: async (server) => {
    ;({ desk, key } = await makeSnvDesk(server.db, new Date().toISOString()))
    await setPrivacySettings(server.db, { commentYears: 3, contact: CONTACT }, 'test', new Date())
  },
})

/** Opens the notice and checks the four things it must say, in the language shown. */
async function readNotice(page: Page, lang: 'vi' | 'en', phoneLine: boolean) {
  const notice = page.locator('details.privacy-notice')
  await notice.getByText(lang === 'vi' ? 'Dữ liệu của Ông/Bà được dùng thế nào' : 'How your data is used').click()
  const text = (await notice.textContent())!
  if (lang === 'vi') {
    expect(text).toContain('Được ghi nhận: mức hài lòng')
    expect(text).toContain('Mục đích: đo sự hài lòng')
    expect(text).toContain('góp ý được xoá sau 3 năm')
    expect(text).toContain(CONTACT)
    expect(text.includes('Trên điện thoại: một mã ngẫu nhiên')).toBe(phoneLine)
  } else {
    expect(text).toContain('We record: your rating')
    expect(text).toContain('Why: to measure satisfaction')
    expect(text).toContain('comments are deleted after 3 years')
    expect(text).toContain(CONTACT)
    expect(text.includes('On a phone: a random code')).toBe(phoneLine)
  }
  await notice.locator('summary').click()
}

/** No choice is made for the citizen: every checkbox and radio starts empty. */
const checkedInputs = (page: Page) => page.locator('input[type="checkbox"]:checked, input[type="radio"]:checked').count()

describe('privacy notice on every citizen page', () => {
  it('at the kiosk, in Vietnamese and English, on the start and the comment screens; nothing is pre-ticked', async () => {
    const { context, page } = await pairedTablet(site, desk.id)
    await readNotice(page, 'vi', false)
    await page.getByRole('button', { name: 'English' }).click()
    await readNotice(page, 'en', false)
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
    await page.getByRole('button', { name: 'Không hài lòng', exact: true }).click()
    await page.getByLabel('Góp ý thêm').waitFor()
    expect(await page.locator('input[type="checkbox"]').count()).toBeGreaterThan(0)
    expect(await checkedInputs(page)).toBe(0)
    await readNotice(page, 'vi', false)
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })

  it('on the phone survey through a desk link and through a receipt code; nothing is pre-ticked', async () => {
    const minted = await post(site.server.app, '/api/v1/invitations', { desk: 'MC-01', survey: 'sipas-2017' }, key)
    expect(minted.status).toBe(201)
    for (const url of [`${site.url}/d/${desk.token}`, `${site.url}/r/${minted.body.token}`]) {
      const { context, page } = await openPage(site, url)
      await page.locator('form.survey').waitFor()
      expect(await page.locator('input[type="checkbox"], input[type="radio"]').count()).toBeGreaterThan(0)
      expect(await checkedInputs(page)).toBe(0)
      await readNotice(page, 'vi', true)
      await page.getByRole('button', { name: 'English' }).click()
      await readNotice(page, 'en', true)
      expect(await seriousA11yViolations(page)).toEqual([])
      await context.close()
    }
  })
})
