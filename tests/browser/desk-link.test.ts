import { describe, expect, it } from 'vitest'
import { browserSuite, openPage, seriousA11yViolations } from '../helpers/browser.ts'
import { makeAgency, makeDesk } from '../helpers/factories.ts'

let desk: { token: string; id: number }
const site = browserSuite({
  prepare: async (server) => {
    const agency = await makeAgency(server.db, { code: 'SNV', name: 'Sở Nội vụ' })
    desk = await makeDesk(server.db, agency.id, 'MC-01')
  },
})

describe('desk link on a phone', () => {
  it('a citizen rates the desk, gives reasons and a comment, and is thanked', async () => {
    const { context, page } = await openPage(site, `${site.url}/d/${desk.token}`)
    await page.getByText('Sở Nội vụ').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page
      .getByRole('radio', { name: /Không hài lòng/ })
      .first()
      .check()
    await page.getByRole('button', { name: 'Tiếp theo' }).click()
    await page.getByRole('checkbox', { name: 'Thời gian chờ lâu' }).check()
    await page.getByLabel('Góp ý thêm').fill('Phải chờ hơn một giờ')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page.getByText('Cảm ơn Ông/Bà đã đánh giá!').waitFor()
    const rows = await site.db.selectFrom('responses').select(['desk_id', 'channel']).execute()
    expect(rows).toEqual([{ desk_id: desk.id, channel: 'qr' }])
    const answers = await site.db.selectFrom('answers').select(['question_id', 'value_num', 'value_text']).orderBy('question_id').execute()
    expect(answers).toEqual([
      { question_id: 'comment', value_num: null, value_text: 'Phải chờ hơn một giờ' },
      { question_id: 'overall', value_num: 2, value_text: null },
      { question_id: 'reasons', value_num: null, value_text: 'wait' },
    ])
    await context.close()
  })

  it('shows a clear page, not an error, for an unknown link', async () => {
    const page = await site.browser.newPage()
    await page.goto(`${site.url}/d/desk_khongtontai1234`)
    await page.getByText('Đường dẫn khảo sát không tồn tại').waitFor()
    await page.close()
  })
})
