import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { BrowserContextOptions, Page } from 'playwright-core'
import { browserSuite, openPage, pairedTablet, seriousA11yViolations, tablet } from '../helpers/browser.ts'
import { makeSnvDesk, post, submission } from '../helpers/factories.ts'

// Screens a citizen meets are looked at by a person too: PNGs under /tmp/shots-i14/ (not asserted).
const SHOTS = '/tmp/shots-i14'
fs.mkdirSync(SHOTS, { recursive: true })

let key: string
let desk: { id: number; token: string }
const site = browserSuite({
  prepare: async (server) => {
    ;({ desk, key } = await makeSnvDesk(server.db, new Date().toISOString()))
  },
})

async function sipasReceipt() {
  const res = await post(site.server.app, '/api/v1/invitations', { desk: 'MC-01', survey: 'sipas-2017' }, key)
  expect(res.status).toBe(201)
  return { token: res.body.token as string, url: `${site.url}/r/${res.body.token}` }
}
const responses = () => site.db.selectFrom('responses').select('id').execute()
const next = (page: Page) => page.getByRole('button', { name: 'Tiếp theo' }).click()
const step = (page: Page, n: number) => page.getByText(new RegExp(`^Bước ${n} trên 7`)).waitFor()

describe('citizen survey pages without dead ends', () => {
  it('a 4th tick where at most 3 are allowed is said beside the question at once, and nothing is sent', async () => {
    const { token, url } = await sipasReceipt()
    const { context, page } = await openPage(site, url)
    await step(page, 1)
    await page.locator('fieldset.question.rating').first().locator('input[value="4"]').check()
    for (const n of [1, 2, 3, 4, 5]) {
      await step(page, n)
      await next(page)
    }
    await step(page, 6)
    const question = page.locator('fieldset.question.choice', { hasText: 'mong muốn cơ quan cải thiện' })
    const boxes = question.getByRole('checkbox')
    for (const i of [0, 1, 2]) await boxes.nth(i).check()
    await expect(question.locator('.field-error').count()).resolves.toBe(0)
    await boxes.nth(3).check()
    // The message stands beside the question it is about, as soon as the 4th box is ticked.
    await question.getByText('Chọn tối đa 3 mục').waitFor()
    await page.screenshot({ path: `${SHOTS}/phone-sipas-4th-tick.png`, fullPage: true })
    expect(await seriousA11yViolations(page)).toEqual([])
    await next(page)
    await step(page, 6)
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight))
    expect(await responses()).toHaveLength(0)
    await boxes.nth(3).uncheck()
    await expect(question.locator('.field-error').count()).resolves.toBe(0)
    await next(page)
    await step(page, 7)
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá!').waitFor()
    expect(await responses()).toHaveLength(1)
    const link = await site.server.app.request(`/api/v1/links/${token}`)
    expect(((await link.json()) as { status: string }).status).toBe('used')
    await context.close()
  })

  it('a blank SIPAS form is refused with the reason beside the first rating question, and the code still opens', async () => {
    const { token, url } = await sipasReceipt()
    // The server refuses it too, naming the field, and the code stays open.
    const blank = await post(site.server.app, '/api/v1/responses', submission({}, { survey: 'sipas-2017@1' }), token)
    expect(blank.status).toBe(400)
    expect(blank.body.error.details).toEqual([expect.objectContaining({ field: 'answers.tc1', code: 'too_few_answers' })])
    expect(blank.body.error.details[0].message.vi).toContain('ít nhất một câu hỏi')

    const { context, page } = await openPage(site, url)
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await step(page, n)
      await next(page)
    }
    await step(page, 7)
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    // Taken back to the first page, to the question the reason is about.
    await step(page, 1)
    const first = page.locator('fieldset.question.rating').first()
    await first.getByText('Phiếu chưa có câu trả lời đánh giá nào').waitFor()
    await page.screenshot({ path: `${SHOTS}/phone-sipas-blank.png` })
    expect(await responses()).toHaveLength(1) // only the one from the test before
    await page.reload()
    await step(page, 1)
    expect(await page.getByRole('button', { name: 'Tiếp theo' }).isVisible()).toBe(true)
    const link = await site.server.app.request(`/api/v1/links/${token}`)
    expect(((await link.json()) as { status: string }).status).toBe('open')
    await context.close()
  })

  it('a refusal from the server is shown in words beside the send button, never a silent button', async () => {
    const { url, token } = await sipasReceipt()
    const { context, page } = await openPage(site, url)
    await step(page, 1)
    // Another device already used this draft's submission id for different answers: the server says 409.
    const submissionId = await page.evaluate((t) => JSON.parse(localStorage.getItem(`hailong.draft.${t}`) ?? '{}').submissionId as string | undefined, token)
    const id = submissionId ?? (await page.evaluate(() => crypto.randomUUID()))
    await page.evaluate(([t, sid]) => localStorage.setItem(`hailong.draft.${t}`, JSON.stringify({ submissionId: sid, answers: {}, page: 0 })), [token, id] as const)
    const other = await post(site.server.app, '/api/v1/responses', { submissionId: id, survey: 'mot-cua@1', answers: { overall: 5 } }, desk.token)
    expect(other.status).toBe(201)
    await page.reload()
    await step(page, 1)
    await page.locator('fieldset.question.rating').first().locator('input[value="5"]').check()
    for (const n of [1, 2, 3, 4, 5, 6]) {
      await step(page, n)
      await next(page)
    }
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page
      .getByRole('alert')
      .filter({ hasText: /Chưa gửi được: Mã phiếu .* đã được dùng/ })
      .waitFor()
    await page.screenshot({ path: `${SHOTS}/phone-sipas-refused.png`, fullPage: true })
    await context.close()
  })

  it('a desk-link visitor who already answered today is told so when the link opens, before any question', async () => {
    const { context, page } = await openPage(site, `${site.url}/d/${desk.token}`)
    await page.getByRole('radio', { name: /Rất hài lòng/ }).check()
    await page.getByRole('button', { name: 'Tiếp theo' }).click()
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá!').waitFor()
    await page.goto(`${site.url}/d/${desk.token}`)
    await page.getByRole('heading', { name: 'Ông/Bà đã đánh giá quầy này hôm nay, cảm ơn' }).waitFor()
    expect(await page.getByRole('radio').count()).toBe(0)
    await page.screenshot({ path: `${SHOTS}/phone-desk-today.png` })
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
    // Another phone still gets the form.
    const { context: fresh, page: other } = await openPage(site, `${site.url}/d/${desk.token}`)
    await other.getByRole('radio', { name: /Rất hài lòng/ }).waitFor()
    await fresh.close()
  })
})

const sizes: Array<[string, BrowserContextOptions]> = [
  ['1024x768', tablet],
  ['800x1280', { ...tablet, viewport: { width: 800, height: 1280 } }],
  ['1280x800', { ...tablet, viewport: { width: 1280, height: 800 } }],
]

/** The element lies wholly inside the viewport (no scrolling needed to reach it). */
async function onScreen(page: Page, name: string | RegExp) {
  const box = await page.getByRole('button', { name, exact: typeof name === 'string' }).boundingBox()
  const vp = page.viewportSize()!
  return box !== null && box.y >= 0 && box.x >= 0 && box.y + box.height <= vp.height && box.x + box.width <= vp.width
}
const scrolls = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight > innerHeight + 1 || document.documentElement.scrollWidth > innerWidth + 1)

describe('kiosk screens fit common tablets, with a way back from every step', () => {
  for (const [label, options] of sizes)
    it(`at ${label}: faces and details fit without scrolling, send and back visible; back goes one step back`, async () => {
      const { context, page } = await pairedTablet(site, desk.id, options)
      await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
      await page.getByRole('button', { name: 'Bình thường', exact: true }).waitFor()
      await page.screenshot({ path: `${SHOTS}/kiosk-faces-${label}.png`, fullPage: true })
      expect(await scrolls(page)).toBe(false)
      expect(await onScreen(page, 'Quay lại')).toBe(true)
      expect(await onScreen(page, 'Rất hài lòng')).toBe(true)
      // A wrong tap on "Đánh giá": back to the start at once.
      await page.getByRole('button', { name: 'Quay lại' }).click()
      await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
      await page.getByRole('button', { name: 'Không hài lòng', exact: true }).click()
      await page.getByRole('checkbox', { name: 'Thời gian chờ lâu' }).waitFor()
      await page.screenshot({ path: `${SHOTS}/kiosk-details-${label}.png`, fullPage: true })
      expect(await scrolls(page)).toBe(false)
      expect(await onScreen(page, 'Gửi đánh giá')).toBe(true)
      expect(await onScreen(page, 'Quay lại')).toBe(true)
      // Centred: the send button's middle is the screen's middle.
      const send = (await page.getByRole('button', { name: 'Gửi đánh giá' }).boundingBox())!
      expect(Math.abs(send.x + send.width / 2 - page.viewportSize()!.width / 2)).toBeLessThan(4)
      await page.screenshot({ path: `${SHOTS}/kiosk-details-${label}.png` })
      expect(await seriousA11yViolations(page)).toEqual([])
      // A wrong face: back to the faces, nothing sent, then the right one.
      await page.getByRole('button', { name: 'Quay lại' }).click()
      await page.getByRole('button', { name: 'Rất hài lòng', exact: true }).click()
      await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor()
      expect(await onScreen(page, 'Về màn hình đầu')).toBe(true)
      await page.getByRole('button', { name: 'Về màn hình đầu' }).click()
      await page.getByRole('button', { name: 'Đánh giá', exact: true }).waitFor()
      await context.close()
    })
})

describe('the kiosk’s reasons with the largest text, on common tablets', () => {
  for (const [label, options] of sizes.slice(0, 2))
    it(`at ${label}: every option, scrolled into view, shows above the send button and takes the tap`, async () => {
      const { context, page } = await pairedTablet(site, desk.id, options)
      await page.getByRole('button', { name: 'Chữ lớn' }).click()
      await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
      await page.getByRole('button', { name: 'Không hài lòng', exact: true }).click()
      await page.getByRole('checkbox', { name: 'Thời gian chờ lâu' }).waitFor()
      await page.screenshot({ path: `${SHOTS}/kiosk-details-large-${label}.png` })
      const covered = await page.locator('form.details label.option').evaluateAll((all) => {
        const send = document.querySelector('form.details button[type=submit]')!.getBoundingClientRect()
        /** The part of the option the citizen sees: its box cut to the box it scrolls in. */
        const seen = (option: Element) => {
          let box = option.getBoundingClientRect()
          for (let p = option.parentElement; p; p = p.parentElement)
            if (/auto|scroll|hidden/.test(getComputedStyle(p).overflowY)) {
              const c = p.getBoundingClientRect()
              box = new DOMRect(box.x, Math.max(box.top, c.top), box.width, Math.max(0, Math.min(box.bottom, c.bottom) - Math.max(box.top, c.top)))
            }
          return box
        }
        const under = (box: DOMRect) => box.height > 0 && box.left < send.right && send.left < box.right && box.top < send.bottom && send.top < box.bottom
        // Before any scrolling: no option shows under the button.
        const first = all.filter((option) => under(seen(option))).map((option) => `${option.textContent} (under the button before scrolling)`)
        return first.concat(
          all.flatMap((option) => {
            // As a finger or the keyboard brings it in: to the nearest edge of the scrolling box.
            option.scrollIntoView({ block: 'nearest' })
            const box = option.getBoundingClientRect()
            const whole = seen(option).height >= box.height - 1 && box.top >= 0 && box.bottom <= innerHeight
            const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2)
            return whole && !under(box) && hit?.closest('label.option') === option ? [] : [`${option.textContent} (under ${hit?.textContent})`]
          }),
        )
      })
      await page.screenshot({ path: `${SHOTS}/kiosk-details-large-${label}-last.png` })
      expect(covered).toEqual([])
      await context.close()
    })
})
