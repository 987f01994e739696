import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createUser } from '../../server/auth/service.ts'
import { browserSuite, pairedTablet, seriousA11yViolations, signIn } from '../helpers/browser.ts'
import { makeAgency, makeDesk } from '../helpers/factories.ts'

let desk: { id: number }
const site = browserSuite({
  prepare: async (server) => {
    const snv = await makeAgency(server.db, { code: 'SNV', name: 'Sở Nội vụ' })
    desk = await makeDesk(server.db, snv.id, 'MC-01')
    await createUser(server.db, { username: 'quantri', password: 'mat-khau-quan-tri-1', role: 'admin', agencyId: null, actor: 'test' }, new Date())
  },
})

/** A desktop page signed in as the admin, waiting less than Playwright's default before giving up. */
async function adminPage() {
  const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 } })
  page.setDefaultTimeout(8000)
  await signIn(page, site.url, 'quantri', 'mat-khau-quan-tri-1')
  return page
}

/** A question's card in the builder, by the text on its summary line. */
const card = (page: Page, text: string | RegExp): Locator => page.locator('li.question-card', { has: page.locator('.q-summary', { hasText: text }) })
const summaries = (page: Page) => page.locator('.page-card').nth(1).locator('.q-summary .q-text').allTextContents()

const MOT_CUA = 'Đánh giá nhanh tại Bộ phận Một cửa'

async function copyMotCua(page: Page, version: number | null) {
  await page.goto(`${site.url}/admin/surveys`)
  await page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: `${MOT_CUA} — phiên bản 1`, exact: true }) })
    .getByRole('button', { name: 'Tạo phiên bản mới từ đây' })
    .click()
  await page.waitForURL(/\/admin\/surveys\/\d+\/edit$/)
  await page.getByRole('heading', { name: version ? `Soạn phiếu: ${MOT_CUA} — phiên bản ${version}` : new RegExp(`^Soạn phiếu: ${MOT_CUA} — phiên bản \\d+`) }).waitFor()
  return Number(/\/admin\/surveys\/(\d+)\/edit/.exec(page.url())![1])
}

describe('survey builder', () => {
  it('copies mot-cua@1, adds a conditional question, renames an option, reorders, previews, publishes @2 and a paired kiosk asks it', async () => {
    // A tablet paired to the desk before the new version exists.
    const { context: tabletContext, page: kiosk } = await pairedTablet(site, desk.id)

    const page = await adminPage()
    await copyMotCua(page, 2)
    await page.getByText('Sao chép từ phiên bản 1').waitFor()

    // Add a question to page 2; its id follows the Vietnamese text (no diacritics, đ → d) until edited.
    await page.getByRole('button', { name: '+ Thêm câu hỏi vào trang 2' }).click()
    const fresh = page.locator('li.question-card.open')
    await fresh.getByLabel('Câu hỏi (tiếng Việt)').fill('Ông/Bà đến làm thủ tục gì?')
    await fresh.getByLabel('Câu hỏi (tiếng Anh)').fill('Which procedure did you come for?')
    expect(await fresh.getByLabel('Mã (dùng trong tệp xuất, phiếu giấy)').inputValue()).toBe('ong-ba-den-lam-thu-tuc-gi')
    await fresh.getByLabel('Mã (dùng trong tệp xuất, phiếu giấy)').fill('thu-tuc')
    await fresh.getByRole('button', { name: '+ Thêm lựa chọn' }).click()
    await fresh.getByLabel('Lựa chọn 1 (tiếng Việt)').fill('Hộ tịch')
    await fresh.getByLabel('Lựa chọn 1 (tiếng Anh)').fill('Civil status')
    await fresh.getByRole('button', { name: '+ Thêm lựa chọn' }).click()
    await fresh.getByLabel('Lựa chọn 2 (tiếng Việt)').fill('Đất đai')
    await fresh.getByLabel('Lựa chọn 2 (tiếng Anh)').fill('Land')
    expect(await fresh.getByLabel('Mã', { exact: true }).nth(1).inputValue()).toBe('dat-dai')
    // The condition is picked from earlier questions and their answers, never typed.
    const earlier = fresh.getByLabel('Câu hỏi trước')
    expect(await earlier.locator('option').allTextContents()).toEqual([
      'Luôn hiện (không có điều kiện)',
      '1. Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?',
      '2. Thái độ, sự hướng dẫn của công chức',
      '3. Thời gian chờ và giải quyết hồ sơ',
      '4. Điều gì khiến Ông/Bà chưa hài lòng?',
    ])
    await earlier.selectOption({ label: '1. Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?' })
    await fresh.getByLabel('Câu trả lời').selectOption({ label: '3 — Bình thường' })
    await page.getByText('Không có lỗi').waitFor()
    await page.evaluate(() => window.scrollTo(0, 0))
    await page.screenshot({ path: '/tmp/shots-i15/builder-1440.png' })

    // Rename an option of the reasons question: its id stays.
    const reasons = card(page, 'Điều gì khiến Ông/Bà chưa hài lòng?')
    await reasons.locator('.q-summary').click()
    await reasons.getByLabel('Lựa chọn 1 (tiếng Việt)').fill('Phải chờ quá lâu')
    expect(await reasons.getByLabel('Mã', { exact: true }).first().inputValue()).toBe('wait')
    await reasons.locator('.q-summary').click()

    // Reorder by keyboard (Alt + ↑ on the handle) and by pointer (drag the new question above the comment).
    await card(page, 'Thời gian chờ và giải quyết hồ sơ').locator('.handle').focus()
    await page.keyboard.press('Alt+ArrowUp')
    expect(await page.evaluate(() => document.activeElement?.closest('li')?.querySelector('.q-text')?.textContent)).toBe('Thời gian chờ và giải quyết hồ sơ')
    await card(page, 'Ông/Bà đến làm thủ tục gì?').locator('.handle').dragTo(card(page, 'Góp ý thêm'))
    expect(await summaries(page)).toEqual([
      'Thời gian chờ và giải quyết hồ sơ',
      'Thái độ, sự hướng dẫn của công chức',
      'Điều gì khiến Ông/Bà chưa hài lòng?',
      'Ông/Bà đến làm thủ tục gì?',
      'Góp ý thêm',
    ])
    expect(await seriousA11yViolations(page)).toEqual([])

    // Phone preview: the citizens' own form; a 3 opens the new question.
    const phone = page.frameLocator('iframe[title="Xem trước trên điện thoại"]')
    expect(await page.locator('iframe[title="Xem trước trên điện thoại"]').getAttribute('width')).toBe('390')
    await phone.getByRole('heading', { name: 'Đánh giá nhanh tại Bộ phận Một cửa' }).waitFor()
    await phone.getByText('Bình thường').click()
    await phone.getByRole('button', { name: 'Tiếp theo' }).click()
    await phone.getByRole('group', { name: 'Ông/Bà đến làm thủ tục gì?' }).getByText('Đất đai').waitFor()
    await phone.getByText('Phải chờ quá lâu').waitFor()
    await page.getByRole('group', { name: 'Ngôn ngữ xem trước' }).getByRole('button', { name: 'English' }).click()
    await phone.getByRole('group', { name: 'Which procedure did you come for?' }).waitFor()
    await page.getByRole('group', { name: 'Ngôn ngữ xem trước' }).getByRole('button', { name: 'Tiếng Việt' }).click()
    await page.screenshot({ path: '/tmp/shots-i15/builder-phone-1440.png' })

    // Kiosk preview at tablet size: the faces, then the follow-ups.
    await page.getByRole('button', { name: 'Máy tại quầy' }).click()
    const tab = page.frameLocator('iframe[title="Xem trước trên máy tại quầy"]')
    expect(await page.locator('iframe[title="Xem trước trên máy tại quầy"]').getAttribute('width')).toBe('1024')
    await tab.getByRole('button', { name: 'Đánh giá', exact: true }).click()
    await tab.getByRole('button', { name: 'Bình thường', exact: true }).click()
    await tab.getByRole('group', { name: 'Ông/Bà đến làm thủ tục gì?' }).waitFor()
    await page.screenshot({ path: '/tmp/shots-i15/builder-kiosk-1440.png' })

    // Publish: what changed against mot-cua@1, in words.
    await page.getByRole('button', { name: 'Ban hành…' }).click()
    const review = page.getByRole('region', { name: 'Ban hành phiên bản này' })
    await review.getByText('So với phiên bản 1, phiên bản được sao chép:').waitFor()
    const changes = await review.locator('ul.changes li').allTextContents()
    expect(changes).toEqual([
      'Thêm câu «Ông/Bà đến làm thủ tục gì?» (hiện khi «Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?» ≤ 3)',
      'Chuyển câu «Thái độ, sự hướng dẫn của công chức» sang vị trí khác',
      'Câu «Điều gì khiến Ông/Bà chưa hài lòng?»: đổi lời lựa chọn "Thời gian chờ lâu" → "Phải chờ quá lâu"',
    ])
    expect(await review.getByRole('alert').count()).toBe(0)
    await page.screenshot({ path: '/tmp/shots-i15/builder-review-1440.png' })
    await review.getByRole('button', { name: 'Xác nhận ban hành' }).click()
    await page.waitForURL(/\/admin\/surveys\?published=mot-cua%402$/)
    await page.getByText(`Đã ban hành ${MOT_CUA} — phiên bản 2.`).waitFor()
    await page
      .getByRole('row', { name: new RegExp(`${MOT_CUA} — phiên bản 2`) })
      .getByRole('cell', { name: 'Đã ban hành', exact: true })
      .waitFor()

    // Give it to the desk's tablet.
    await page.getByLabel('Quầy', { exact: true }).selectOption({ label: 'Sở Nội vụ — Quầy MC-01' })
    expect(await page.getByLabel('Phiên bản', { exact: true }).inputValue()).toBe('mot-cua@2')
    await page.getByRole('button', { name: 'Gán cho quầy' }).click()
    await page.getByText(`Sở Nội vụ — Quầy MC-01: máy tại quầy dùng ${MOT_CUA} — phiên bản 2`).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    // The paired tablet picks up its new questionnaire and asks the new question after a 3.
    await kiosk.reload()
    await kiosk.getByRole('button', { name: 'Đánh giá', exact: true }).click()
    await kiosk.getByRole('button', { name: 'Bình thường', exact: true }).click()
    await kiosk.getByRole('group', { name: 'Ông/Bà đến làm thủ tục gì?' }).getByText('Đất đai').click()
    await kiosk.getByRole('button', { name: 'Gửi đánh giá' }).click()
    const v2 = (await site.db.selectFrom('survey_versions').select('id').where('instrument', '=', 'mot-cua').where('version', '=', 2).executeTakeFirstOrThrow()).id
    await expect
      .poll(
        async () =>
          await site.db
            .selectFrom('answers')
            .innerJoin('responses', 'responses.id', 'answers.response_id')
            .select(['answers.value_text', 'responses.survey_version_id'])
            .where('answers.question_id', '=', 'thu-tuc')
            .execute(),
        { timeout: 10_000 },
      )
      .toEqual([{ value_text: 'dat-dai', survey_version_id: v2 }])
    await tabletContext.close()
    await page.close()
  }, 120_000)

  it('a draft with a duplicate id or a condition on a later question says why at the field and cannot be published', async () => {
    const page = await adminPage()
    // Whether or not the test above ran: the next version of mot-cua.
    const draftId = await copyMotCua(page, null)

    const time = card(page, 'Thời gian chờ và giải quyết hồ sơ')
    await time.locator('.q-summary').click()
    const id = time.getByLabel('Mã (dùng trong tệp xuất, phiếu giấy)')
    await id.fill('staff')
    await time.getByText('Mã "staff" đã dùng cho một câu hỏi khác; mỗi câu hỏi cần một mã riêng').waitFor()
    expect(await id.getAttribute('aria-invalid')).toBe('true')
    await id.fill('time')
    expect(await time.getByText(/đã dùng cho một câu hỏi khác/).count()).toBe(0)

    // A condition on the question before, then the question moved above it.
    await time.getByLabel('Câu hỏi trước').selectOption({ label: '2. Thái độ, sự hướng dẫn của công chức' })
    await time.getByRole('button', { name: 'Chuyển câu 3 lên' }).click()
    await time.getByText('Điều kiện hiển thị phải dựa vào một câu hỏi đứng trước câu này').waitFor()
    expect(await time.getByLabel('Câu hỏi trước').inputValue()).toBe('staff')
    const staff = card(page, 'Thái độ, sự hướng dẫn của công chức')
    await staff.locator('.q-summary').click()
    await staff.getByLabel('Mã (dùng trong tệp xuất, phiếu giấy)').fill('time')
    await staff.getByText('Mã "time" đã dùng cho một câu hỏi khác; mỗi câu hỏi cần một mã riêng').waitFor()
    // The index rule still names "staff", which no question has now: said at the index rule.
    await page.getByText('Còn 3 chỗ cần sửa', { exact: true }).waitFor()
    await page.screenshot({ path: '/tmp/shots-i15/builder-problems-1440.png' })

    await page.getByRole('button', { name: 'Ban hành…' }).click()
    const refusal = page.getByRole('alert').filter({ hasText: 'Chưa ban hành được: còn 3 chỗ cần sửa' })
    await refusal.waitFor()
    expect(await refusal.locator('li').allTextContents()).toEqual([
      'Trang 2, câu 1, điều kiện hiển thị, câu hỏi điều kiện: Điều kiện hiển thị phải dựa vào một câu hỏi đứng trước câu này',
      'Trang 2, câu 2, mã: Mã "time" đã dùng cho một câu hỏi khác; mỗi câu hỏi cần một mã riêng',
      'Cách tính chỉ số, tiêu chí: Không có câu hỏi mã "staff"',
    ])
    // Each problem leads to its field.
    await refusal.getByRole('button', { name: 'Trang 2, câu 2, mã' }).click()
    await expect
      .poll(() => page.evaluate(() => `${document.activeElement?.id}=${(document.activeElement as HTMLInputElement | null)?.value}`))
      .toBe('f-pages-1-questions-1-id=time')
    expect(await seriousA11yViolations(page)).toEqual([])
    const row = await site.db.selectFrom('survey_versions').select('status').where('id', '=', draftId).executeTakeFirstOrThrow()
    expect(row.status).toBe('draft')
    // The server refuses it too, with the same words.
    const csrf = await page.evaluate(async () => ((await (await fetch('/api/v1/auth/me')).json()) as { csrfToken: string }).csrfToken)
    const res = await page.request.post(`${site.url}/api/v1/admin/surveys/${draftId}/publish`, { data: {}, headers: { 'X-CSRF-Token': csrf } })
    expect(res.status()).toBe(400)
    expect(((await res.json()) as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field)).toEqual([
      'definition.pages.1.questions.0.visibleIf.question',
      'definition.pages.1.questions.1.id',
      'definition.index.criteria.1',
    ])
    await page.close()
  }, 90_000)

  it('removing a criterion of the index is set apart at publish and needs a reason, kept in the audit log', async () => {
    const page = await adminPage()
    const draftId = await copyMotCua(page, null)
    const criteria = page.getByRole('group', { name: 'Tiêu chí (câu chấm mức hài lòng tính vào chỉ số)' })
    await criteria.getByRole('checkbox', { name: 'Thời gian chờ và giải quyết hồ sơ' }).uncheck()
    await page.getByRole('heading', { name: 'Cách tính chỉ số' }).scrollIntoViewIfNeeded()
    await page.screenshot({ path: '/tmp/shots-i15/builder-index-1440.png' })
    await page.getByRole('button', { name: 'Ban hành…' }).click()
    const review = page.getByRole('region', { name: 'Ban hành phiên bản này' })
    const warning = review.getByRole('alert')
    await warning.getByText('Các thay đổi sau làm chỉ số không so sánh được với các quý trước:').waitFor()
    expect(await warning.locator('li').allTextContents()).toEqual(['Chỉ số: bỏ tiêu chí «Thời gian chờ và giải quyết hồ sơ» — các quý trước không còn so sánh được'])
    await page.screenshot({ path: '/tmp/shots-i15/builder-breaks-1440.png' })
    await review.getByRole('button', { name: 'Xác nhận ban hành' }).click()
    await review.getByText('Thay đổi này làm chỉ số không so sánh được với các quý trước: hãy ghi lý do').waitFor()
    expect(await review.getByLabel('Lý do thay đổi (bắt buộc, ghi vào nhật ký)').getAttribute('aria-invalid')).toBe('true')
    await review.getByLabel('Lý do thay đổi (bắt buộc, ghi vào nhật ký)').fill('Bỏ tiêu chí thời gian theo hướng dẫn mới của Sở')
    await review.getByRole('button', { name: 'Xác nhận ban hành' }).click()
    await page.waitForURL(/\/admin\/surveys\?published=/)
    const row = await site.db.selectFrom('survey_versions').select(['status', 'instrument', 'version']).where('id', '=', draftId).executeTakeFirstOrThrow()
    expect(row.status).toBe('published')
    const entry = await site.db
      .selectFrom('audit_log')
      .select(['actor', 'details'])
      .where('action', '=', 'survey.publish')
      .where('target', '=', `survey:mot-cua@${row.version}`)
      .executeTakeFirstOrThrow()
    expect(entry.actor).toBe('user:quantri')
    expect(JSON.parse(entry.details!).reason).toBe('Bỏ tiêu chí thời gian theo hướng dẫn mới của Sở')
    await page.close()
  }, 60_000)
})
