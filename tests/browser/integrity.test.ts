import { describe, expect, it } from 'vitest'
import { DEFAULT_TIMEZONE, quarterOf, shiftQuarter } from '../../server/domain/periods.ts'
import { browserSuite, demoProvince, openPage, seriousA11yViolations, signedInPage } from '../helpers/browser.ts'

const previousQuarter = shiftQuarter(quarterOf(new Date(), DEFAULT_TIMEZONE), -1)
const site = browserSuite({ prepare: demoProvince })

describe('closing and publishing a quarter', () => {
  it('an admin closes the last quarter, publishes it, and anyone reads it on /cong-khai without signing in', async () => {
    const { context, page } = await signedInPage(site, 'admin')
    await page.getByLabel('Kỳ').selectOption(previousQuarter)
    const panel = page.getByRole('region', { name: 'Khoá sổ và công bố' })
    await panel.getByRole('status').filter({ hasText: 'Quý đang mở' }).waitFor()
    await panel.getByRole('button', { name: 'Khoá sổ quý' }).click()
    const dialog = page.getByRole('dialog', { name: 'Khoá sổ quý' })
    await dialog.getByText('đóng băng thành một bản chụp').waitFor()
    await page.screenshot({ path: '/tmp/shots-i13/close-dialog.png' })
    await dialog.getByRole('button', { name: 'Khoá sổ quý' }).click()
    await panel.getByRole('status').filter({ hasText: 'Đã khoá sổ, phiên bản 1' }).waitFor()

    await panel.getByRole('button', { name: 'Công bố công khai' }).click()
    const publish = page.getByRole('dialog', { name: 'Công bố công khai' })
    await publish.getByText('/cong-khai').waitFor()
    await publish.getByRole('button', { name: 'Công bố công khai' }).click()
    await panel.getByRole('status').filter({ hasText: 'Đã công bố, phiên bản 1' }).waitFor()
    await page.screenshot({ path: '/tmp/shots-i13/dashboard-closed.png', fullPage: true })
    await context.close()

    // A citizen on a phone, never signed in.
    const { context: visitor, page: pub } = await openPage(site, `${site.url}/cong-khai`)
    await pub.getByRole('heading', { level: 1, name: /Kết quả đo lường sự hài lòng được công bố/ }).waitFor()
    await pub.getByRole('link', { name: `mot-cua · ${previousQuarter}` }).click()
    const table = pub.getByRole('table')
    await table.waitFor()
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(5)
    await expect(table.locator('tbody tr').first().locator('td').first().textContent()).resolves.toBe('1')
    await pub.getByRole('heading', { name: /Chưa đủ mẫu/ }).waitFor()
    await pub.getByRole('heading', { name: /Cách tính/ }).waitFor()
    await pub.getByText('How it is computed').waitFor()
    expect(await seriousA11yViolations(pub)).toEqual([])
    await pub.screenshot({ path: '/tmp/shots-i13/public-phone.png', fullPage: true })
    // Only the published quarter is listed.
    await pub.goto(`${site.url}/cong-khai`)
    await pub.getByRole('link', { name: `mot-cua · ${previousQuarter}` }).waitFor()
    expect(await pub.locator('main li a').count()).toBe(1)
    await visitor.close()
  }, 120_000)

  it('an exclusion is proposed from the comments and approved by an admin of another agency', async () => {
    const { context, page } = await signedInPage(site, 'admin')
    await page.goto(`${site.url}/comments`)
    const first = page.locator('.comment-items li').first()
    await first.getByRole('button', { name: 'Đề nghị loại khỏi chỉ số' }).click()
    const dialog = page.getByRole('dialog', { name: 'Đề nghị loại khỏi chỉ số' })
    await dialog.getByText('vẫn được tính cho đến khi').waitFor()
    await dialog.getByLabel('Lý do', { exact: true }).selectOption('spam')
    await dialog.getByLabel('Ghi chú lý do (bắt buộc)').fill('Nội dung vô nghĩa')
    await dialog.getByRole('button', { name: 'Đề nghị loại khỏi chỉ số' }).click()
    await page.getByText('Đã gửi đề nghị loại trừ').waitFor()

    // The proposer sees why they cannot approve their own proposal.
    await page.goto(`${site.url}/admin/moderation`)
    const item = page.locator('.queue-item').first()
    await item.getByText('Người đề nghị không được tự duyệt').waitFor()
    expect(await item.getByRole('button', { name: 'Duyệt loại trừ' }).isDisabled()).toBe(true)
    await context.close()

    const { context: other, page: reviewer } = await signedInPage(site, 'duyet')
    await reviewer.goto(`${site.url}/admin/moderation`)
    const pending = reviewer.locator('.queue-item').first()
    await pending.getByText('Nội dung vô nghĩa').waitFor()
    await pending.getByRole('button', { name: 'Duyệt loại trừ' }).click()
    const approve = reviewer.getByRole('dialog', { name: 'Duyệt loại trừ' })
    await approve.getByText('bị loại khỏi chỉ số của cơ quan').waitFor()
    await reviewer.screenshot({ path: '/tmp/shots-i13/approve-dialog.png' })
    await approve.getByRole('button', { name: 'Duyệt loại trừ' }).click()
    await reviewer.getByRole('status').getByText('Duyệt loại trừ ✓').waitFor()
    await reviewer.getByRole('heading', { name: 'Đề nghị loại trừ đang chờ (0)' }).waitFor()
    expect(await seriousA11yViolations(reviewer)).toEqual([])
    await reviewer.screenshot({ path: '/tmp/shots-i13/queue.png', fullPage: true })
    await other.close()
  }, 120_000)
})
