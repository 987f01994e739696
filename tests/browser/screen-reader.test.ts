import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserSuite, openPage, pairedTablet, seriousA11yViolations, tablet } from '../helpers/browser.ts'
import { makeAgency, makeDesk } from '../helpers/factories.ts'

let desk: { id: number; token: string }
const site = browserSuite({
  prepare: async (server) => {
    const agency = await makeAgency(server.db, { code: 'SNV', name: 'Sở Nội vụ' })
    desk = await makeDesk(server.db, agency.id, 'MC-01')
  },
})

const FACES = ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng']
/** Nothing is cut off sideways: the page is no wider than its window. */
const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1)

describe('kiosk and phone survey with a screen reader', () => {
  it('kiosk: faces are labelled buttons in order, screen changes and errors are announced, larger text keeps everything reachable', async () => {
    const { context, page } = await pairedTablet(site, desk.id)
    await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()

    // The accessibility tree a screen reader reads: the question as heading, announced, then the five named faces.
    const tree = await page.locator('main').ariaSnapshot()
    expect(tree).toContain('heading "Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?" [level=1]')
    expect(tree).toContain('status: Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?')
    const faces = [...tree.matchAll(/button "([^"]+)"/g)].map((m) => m[1]).filter((n) => FACES.includes(n!))
    expect(faces).toEqual(FACES)
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    // Focus order: from the heading, Tab reaches the faces from the worst to the best.
    const order: string[] = []
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('Tab')
      order.push((await page.evaluate(() => document.activeElement?.textContent?.trim())) ?? '')
    }
    expect(order).toEqual(FACES)

    await page.getByRole('button', { name: 'Không hài lòng', exact: true }).click()
    await page.getByLabel('Góp ý thêm').fill('Chờ lâu\u0007')
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    const form = await page.locator('main').ariaSnapshot()
    expect(form).toContain('alert: Văn bản chứa ký tự điều khiển')
    expect(await page.getByRole('heading', { name: 'Ông/Bà cho biết thêm (không bắt buộc)' }).count()).toBe(1)
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByLabel('Góp ý thêm').fill('Chờ lâu')
    expect(await page.getByRole('alert').count()).toBe(0)

    // Larger text: the toggle says it is on, the text grows, nothing is cut off and every control can be reached.
    await page.getByRole('button', { name: 'Chữ lớn' }).click()
    expect(await page.getByRole('button', { name: 'Chữ lớn' }).getAttribute('aria-pressed')).toBe('true')
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).fontSize)).toBe('30px')
    expect(await fitsWidth(page)).toBe(true)
    await page.getByRole('button', { name: 'Gửi đánh giá' }).scrollIntoViewIfNeeded()
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor()
    // The next citizen starts with ordinary text again.
    await page.getByRole('button', { name: 'Về màn hình đầu' }).click()
    await page.getByRole('button', { name: 'Đánh giá', exact: true }).waitFor()
    expect(await page.getByRole('button', { name: 'Chữ lớn' }).getAttribute('aria-pressed')).toBe('false')

    // 200 % text (the browser's own setting): the faces still fit or wrap, none is cut off.
    await page.addStyleTag({ content: ':root { font-size: 40px !important }' })
    await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
    expect(await fitsWidth(page)).toBe(true)
    for (const name of FACES) {
      const face = page.getByRole('button', { name, exact: true })
      await face.scrollIntoViewIfNeeded()
      expect(await face.isVisible(), name).toBe(true)
    }
    await context.close()
  })

  it('kiosk on a portrait tablet with larger text: every button of the top bar keeps its words on one line, inside it', async () => {
    const { context, page } = await pairedTablet(site, desk.id, { ...tablet, viewport: { width: 800, height: 1280 } })
    await page.getByRole('button', { name: 'Chữ lớn' }).click()
    for (const screen of ['idle', 'rating']) {
      if (screen === 'rating') await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
      // Per button: how many lines its words take, and whether they stick out of it.
      const buttons = await page.locator('header.bar button').evaluateAll((els) =>
        els.map((el) => {
          const range = document.createRange()
          range.selectNodeContents(el)
          const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
          return { text: el.textContent?.trim(), lines, inside: el.scrollWidth <= el.clientWidth + 1 }
        }),
      )
      expect(buttons.length, screen).toBeGreaterThanOrEqual(3)
      for (const b of buttons) expect(b, screen).toMatchObject({ lines: 1, inside: true })
      expect(await fitsWidth(page), screen).toBe(true)
    }
    await context.close()
  })

  it('phone survey: errors are announced beside the question, page changes are announced, 200 % text fits', async () => {
    const { context, page } = await openPage(site, `${site.url}/d/${desk.token}`)
    await page.locator('form.survey').waitFor()
    await page.addStyleTag({ content: ':root { font-size: 200% !important }' })
    expect(await fitsWidth(page)).toBe(true)
    await page.getByRole('button', { name: 'Tiếp theo' }).click()
    const refused = await page.locator('form.survey').ariaSnapshot()
    expect(refused).toContain('alert: Câu hỏi này bắt buộc')
    expect(refused).toMatch(/radio "1 Rất không hài lòng"/)

    await page.getByRole('radio', { name: '2 Không hài lòng' }).check()
    await page.getByRole('button', { name: 'Tiếp theo' }).click()
    await page.getByText('Bước 2 trên 2').first().waitFor()
    const next = await page.locator('form.survey').ariaSnapshot()
    expect(next).toMatch(/status: Bước 2 trên 2/)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('survey-title')
    expect(await fitsWidth(page)).toBe(true)
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })
})
