import jsQR from 'jsqr'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { browserSuite, openPage, phone, seriousA11yViolations } from '../helpers/browser.ts'
import { makeSnvDesk, post } from '../helpers/factories.ts'

let key: string
let desk: { id: number; token: string }
const site = browserSuite({
  prepare: async (server) => {
    ;({ desk, key } = await makeSnvDesk(server.db, new Date().toISOString()))
  },
})

/** A receipt code as the one-stop software would request it; the link on the receipt points at the test site.server. */
async function receipt(body: Record<string, unknown>) {
  const res = await post(site.server.app, '/api/v1/invitations', { desk: 'MC-01', ...body }, key)
  expect(res.status).toBe(201)
  return { token: res.body.token as string, url: `${site.url}/r/${res.body.token}` }
}

/** Rates every criterion on the page shown "4 — Hài lòng". */
async function rateShownPage(page: Page, from = 0) {
  const fields = page.locator('fieldset.question.rating')
  const n = await fields.count()
  for (let i = from; i < n; i++) await fields.nth(i).locator('input[value="4"]').check()
  return n
}
const next = (page: Page) => page.getByRole('button', { name: 'Tiếp theo' }).click()
const step = (page: Page, n: number) => page.getByText(new RegExp(`^Bước ${n} trên 7`)).waitFor()

describe('receipt code on a phone', () => {
  it('answers the full sipas-2017 questionnaire across a closed page, then shows "already answered"', async () => {
    const { url } = await receipt({ survey: 'sipas-2017', dossier: 'H40.175.01-260510-AB0001', procedure: '1.001234' })
    const context = await site.browser.newContext(phone)
    let page = await context.newPage()
    await page.goto(url)
    await page.getByText('Sở Nội vụ').first().waitFor()
    await step(page, 1)
    expect(await page.locator('progress').getAttribute('value')).toBe('1')
    expect(await seriousA11yViolations(page)).toEqual([])
    for (const n of [1, 2, 3]) {
      await step(page, n)
      await rateShownPage(page)
      await next(page)
    }
    await step(page, 4)
    await page.locator('fieldset.question.rating').first().locator('input[value="5"]').check()
    // The citizen closes the page midway through the fourth page…
    await page.close()
    expect(await site.db.selectFrom('responses').select('id').execute()).toHaveLength(0)

    // …and comes back later: the answers and the page are where they were left.
    page = await context.newPage()
    await page.goto(url)
    await page.getByText('Đã khôi phục câu trả lời đang làm dở.').waitFor()
    await step(page, 4)
    expect(await page.locator('fieldset.question.rating').first().locator('input[value="5"]').isChecked()).toBe(true)
    await rateShownPage(page, 1)
    await next(page)
    await step(page, 5)
    await rateShownPage(page)
    await next(page)
    await step(page, 6)
    await rateShownPage(page)
    await page.getByRole('checkbox', { name: /Rút ngắn thời gian giải quyết/ }).check()
    await page.getByRole('checkbox', { name: /Nâng cao thái độ phục vụ/ }).check()
    expect(await seriousA11yViolations(page)).toEqual([])
    await next(page)
    await step(page, 7)
    await page.getByRole('radio', { name: 'Nữ' }).check()
    await page.getByLabel('Góp ý khác').fill('Cán bộ hướng dẫn tận tình')
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá!').waitFor()

    const stored = await site.db.selectFrom('responses').select(['id', 'channel', 'desk_id', 'invitation_id', 'procedure_code']).execute()
    expect(stored).toMatchObject([{ channel: 'qr', desk_id: desk.id, procedure_code: '1.001234' }])
    const answers = await site.db.selectFrom('answers').select(['question_id', 'value_num', 'value_text']).where('response_id', '=', stored[0]!.id).execute()
    const rated = answers.filter((a) => a.value_num !== null)
    expect(rated).toHaveLength(23) // 22 criteria and the overall rating
    expect(answers.find((a) => a.question_id === 'kq1')!.value_num).toBe(5)
    expect(
      answers
        .filter((a) => a.question_id === 'mong_doi')
        .map((a) => a.value_text)
        .sort(),
    ).toEqual(['md3', 'md4'])
    const invitation = await site.db.selectFrom('invitations').select('used_at').where('id', '=', stored[0]!.invitation_id!).executeTakeFirstOrThrow()
    expect(invitation.used_at).not.toBeNull()

    await page.goto(url)
    await page.getByRole('heading', { name: 'Ông/Bà đã đánh giá, cảm ơn' }).waitFor()
    expect(await page.locator('form').count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])
    await context.close()
  })

  it('shows a clear page for an expired code and for an unknown one', async () => {
    const { token, url } = await receipt({})
    await site.db
      .updateTable('invitations')
      .set({ expires_at: '2020-01-01T00:00:00.000Z' })
      .where('token_hash', '=', (await import('../../server/lib/tokens.ts')).hashToken(token))
      .execute()
    const { context, page } = await openPage(site, url)
    await page.getByRole('heading', { name: 'Mã đánh giá này đã hết hạn' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.goto(`${site.url}/r/rcpt_khongtontaikhongtontai`)
    await page.getByText('Đường dẫn khảo sát không tồn tại').waitFor()
    await context.close()
  })

  it('explains why a second rating of the same desk the same day is refused, even when the form was already open', async () => {
    const context = await site.browser.newContext(phone)
    const first = await context.newPage()
    const open = async (page: Page) => {
      await page.goto(`${site.url}/d/${desk.token}`)
      await page.locator('input[value="5"]').check()
      await next(page)
    }
    // The same browser (its cookie) with the form open twice; the first sends, then the second is refused
    // with the reason in words. (Opening the link after the first answer says so at once: citizen-dead-ends.)
    await open(first)
    const other = await site.browser.newContext(phone)
    await other.addCookies(await context.cookies())
    const second = await other.newPage()
    await open(second)
    await first.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await first.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor()
    await second.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await second.getByRole('heading', { name: 'Ông/Bà đã đánh giá quầy này hôm nay, cảm ơn' }).waitFor()
    await second.getByText('mỗi điện thoại chỉ gửi một đánh giá cho một quầy trong một ngày').waitFor()
    expect(await seriousA11yViolations(second)).toEqual([])
    await context.close()
    await other.close()
  })
})

describe('desk poster', () => {
  it('prints the agency, the desk and a QR code that decodes to the desk link', async () => {
    const { createUser } = await import('../../server/auth/service.ts')
    await createUser(site.db, { username: 'in-ap-phich', password: 'mat-khau-rat-dai-123', role: 'viewer', agencyId: null, actor: 'test' }, new Date())
    const context = await site.browser.newContext({ viewport: { width: 1000, height: 1400 } })
    const login = await context.request.post(`${site.url}/api/v1/auth/login`, { data: { username: 'in-ap-phich', password: 'mat-khau-rat-dai-123' } })
    expect(login.status()).toBe(200)
    const page = await context.newPage()
    await page.goto(`${site.url}/desks/${desk.id}/poster`)
    await page.getByRole('heading', { name: 'Quầy MC-01' }).waitFor()
    await page.getByText('Sở Nội vụ').first().waitFor()
    await page.getByText(`${site.url}/d/${desk.token}`).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    const shot = await page.locator('.desk-poster .qr').screenshot()
    // Decode the screenshot's pixels in the page (a canvas reads PNG), then read the QR with jsqr.
    const pixels = await page.evaluate(async (b64) => {
      const img = new Image()
      img.src = `data:image/png;base64,${b64}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.width
      canvas.height = img.height
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(img, 0, 0)
      return { width: img.width, height: img.height, data: Array.from(ctx.getImageData(0, 0, img.width, img.height).data) }
    }, shot.toString('base64'))
    const decoded = jsQR(Uint8ClampedArray.from(pixels.data), pixels.width, pixels.height)
    expect(decoded?.data).toBe(`${site.url}/d/${desk.token}`)
    await context.close()
  })
})
