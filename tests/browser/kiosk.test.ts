import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { KIOSK_SETTINGS_KEY } from '../../server/kiosks/service.ts'
import { browserSuite, pairedTablet, seriousA11yViolations, tablet } from '../helpers/browser.ts'
import { makeAgency, makeDesk, makeKiosk, post, signIn, submission } from '../helpers/factories.ts'

let desk: { id: number }
let agencyId: number
const site = browserSuite({
  prepare: async (server) => {
    agencyId = (await makeAgency(server.db, { code: 'SNV', name: 'Sở Nội vụ' })).id
    desk = await makeDesk(server.db, agencyId, 'MC-01')
  },
})

/** Short delays keep the tests fast; the tablet reads them from its configuration like the defaults. */
async function settings(s: { resetDelayMs?: number; idleTimeoutMs?: number; repeatIntervalMs?: number }) {
  const value = JSON.stringify(s)
  await site.db
    .insertInto('settings')
    .values({ key: KIOSK_SETTINGS_KEY, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute()
}

/** A paired tablet whose service worker holds the app shell, then cut from the network; quick ratings, no repeat guard. */
async function offlineTablet() {
  await settings({ resetDelayMs: 100, repeatIntervalMs: 0 })
  const tab = await pairedTablet(site, desk.id)
  await tab.page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 })
  await tab.context.setOffline(true)
  return tab
}

const stored = (kioskId: number) => site.db.selectFrom('responses').selectAll().where('kiosk_id', '=', kioskId).execute()
const idle = (page: Page) => page.getByRole('button', { name: 'Đánh giá', exact: true })

async function rate(page: Page, face: string) {
  await idle(page).click()
  await page.getByRole('button', { name: face, exact: true }).click()
}

describe('kiosk at a one-stop desk', () => {
  it('pairs, then a citizen rates with reasons and a comment; stored for the right desk; back to idle by itself', async () => {
    await settings({ resetDelayMs: 1000 })
    const { context, page, kioskId } = await pairedTablet(site, desk.id)
    expect(page.url()).not.toContain('pair=')
    await page.getByRole('heading', { name: 'Sở Nội vụ' }).waitFor()
    await page.getByText('Quầy MC-01').waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Rate', exact: true }).waitFor()
    await page.getByRole('button', { name: 'Tiếng Việt' }).click()

    await idle(page).click()
    await page.getByRole('heading', { name: 'Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?' }).waitFor()
    for (const label of ['Rất không hài lòng', 'Không hài lòng', 'Bình thường', 'Hài lòng', 'Rất hài lòng'])
      expect((await page.getByRole('button', { name: label, exact: true }).boundingBox())!.height).toBeGreaterThanOrEqual(64)
    // Nothing to navigate away by accident.
    expect(await page.locator('a[href]').count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])

    await page.getByRole('button', { name: 'Không hài lòng', exact: true }).click()
    await page.getByRole('checkbox', { name: 'Thời gian chờ lâu' }).check()
    await page.getByRole('checkbox', { name: 'Phải đi lại nhiều lần' }).check()
    await page.getByLabel('Góp ý thêm').fill('Chờ hơn một giờ')
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click()
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])

    await expect.poll(async () => (await stored(kioskId)).length).toBe(1)
    const [row] = await stored(kioskId)
    expect(row).toMatchObject({ agency_id: agencyId, desk_id: desk.id, channel: 'kiosk' })
    const answers = await site.db
      .selectFrom('answers')
      .select(['question_id', 'value_num', 'value_text'])
      .where('response_id', '=', row!.id)
      .orderBy('question_id')
      .orderBy('value_text')
      .execute()
    expect(answers).toEqual([
      { question_id: 'comment', value_num: null, value_text: 'Chờ hơn một giờ' },
      { question_id: 'overall', value_num: 2, value_text: null },
      { question_id: 'reasons', value_num: null, value_text: 'repeat' },
      { question_id: 'reasons', value_num: null, value_text: 'wait' },
    ])
    // The thank-you screen gives way to the idle screen by itself.
    await idle(page).waitFor({ timeout: 3000 })
    await context.close()
  })

  it('returns to idle without sending when a citizen walks away mid-way', async () => {
    await settings({ idleTimeoutMs: 1500 })
    const { context, page, kioskId } = await pairedTablet(site, desk.id)
    await idle(page).click()
    await page.getByRole('button', { name: 'Rất hài lòng', exact: true }).waitFor()
    await idle(page).waitFor({ timeout: 4000 })
    await rate(page, 'Bình thường')
    await page.getByRole('checkbox', { name: 'Khác' }).check()
    await idle(page).waitFor({ timeout: 4000 })
    await page.waitForTimeout(300)
    expect(await stored(kioskId)).toEqual([])
    await context.close()
  })

  it('stores repeated taps inside the interval once', async () => {
    await settings({ resetDelayMs: 200, repeatIntervalMs: 5000 })
    const { context, page, kioskId } = await pairedTablet(site, desk.id)
    await idle(page).click()
    await page.getByRole('button', { name: 'Rất hài lòng', exact: true }).dblclick()
    await idle(page).waitFor()
    await rate(page, 'Hài lòng')
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã đánh giá!' }).waitFor()
    await expect.poll(async () => (await stored(kioskId)).length).toBe(1)
    await page.waitForTimeout(500)
    const rows = await stored(kioskId)
    expect(rows).toHaveLength(1)
    const answers = await site.db.selectFrom('answers').select(['question_id', 'value_num']).where('response_id', '=', rows[0]!.id).execute()
    expect(answers).toEqual([{ question_id: 'overall', value_num: 5 }])
    await context.close()
  })

  it('keeps 20 ratings given offline through a reload and sends each exactly once when the network returns', { timeout: 90_000 }, async () => {
    const { context, page, kioskId } = await offlineTablet()
    for (let i = 0; i < 20; i++) {
      await rate(page, i % 2 ? 'Hài lòng' : 'Rất hài lòng')
      await idle(page).waitFor()
    }
    await page.getByText('Chưa gửi: 20').waitFor()
    await page.reload()
    await page.getByRole('heading', { name: 'Sở Nội vụ' }).waitFor()
    await page.getByText('Chưa gửi: 20').waitFor()
    expect(await stored(kioskId)).toEqual([])
    await context.setOffline(false)
    await expect.poll(async () => (await stored(kioskId)).length, { timeout: 30_000 }).toBe(20)
    await page.getByText('Chưa gửi').waitFor({ state: 'detached' })
    const rows = await stored(kioskId)
    expect(new Set(rows.map((r) => r.submission_id)).size).toBe(20)
    await page.waitForTimeout(500)
    expect(await stored(kioskId)).toHaveLength(20)
    await context.close()
  })

  it('after revocation: refuses new ratings, still takes one queued before, and shows "not paired"', { timeout: 60_000 }, async () => {
    const { context, page, kioskId } = await offlineTablet()
    await rate(page, 'Hài lòng')
    await page.getByText('Chưa gửi: 1').waitFor()
    const admin = await signIn(site.server, 'admin')
    const revoke = await site.server.app.request(`/api/v1/kiosks/${kioskId}/revoke`, { method: 'POST', headers: admin.headers })
    expect(revoke.status).toBe(200)
    await context.setOffline(false)
    await page.reload()
    await page.getByRole('heading', { name: 'Máy chưa được ghép nối' }).waitFor()
    await page.getByText('Máy tính bảng này đã bị thu hồi').waitFor()
    expect(await page.getByRole('button', { name: 'Đánh giá', exact: true }).count()).toBe(0)
    expect(await seriousA11yViolations(page)).toEqual([])
    await expect.poll(async () => (await stored(kioskId)).length, { timeout: 15_000 }).toBe(1)
    const secret = await page.evaluate(() => localStorage.getItem('hailong.kiosk.secret'))
    const fresh = await post(site.server.app, '/api/v1/responses', submission({ overall: 5 }, { givenAt: new Date().toISOString() }), secret!)
    expect(fresh.status).toBe(403)
    expect(await stored(kioskId)).toHaveLength(1)
    await context.close()
  })

  it('picks up a changed configuration at the next heartbeat', async () => {
    await settings({})
    const { id, code } = await makeKiosk(site.db, desk.id)
    const context = await site.browser.newContext(tablet)
    const page = await context.newPage()
    await page.clock.install()
    await page.goto(`${site.url}/kiosk#pair=${code}`)
    await page.getByText('Quầy MC-01').waitFor()
    await site.db.updateTable('desks').set({ name: 'Quầy trả kết quả' }).where('id', '=', desk.id).execute()
    await page.clock.runFor(61_000)
    await page.getByText('Quầy trả kết quả').waitFor()
    const kiosk = await site.db.selectFrom('kiosks').select(['app_version', 'queue_length']).where('id', '=', id).executeTakeFirstOrThrow()
    expect(kiosk).toEqual({ app_version: '0.1.0', queue_length: 0 })
    await site.db.updateTable('desks').set({ name: 'Quầy MC-01' }).where('id', '=', desk.id).execute()
    await context.close()
  })

  it('shows a clear "not paired" screen to a tablet that was never paired, or with a used code', async () => {
    const context = await site.browser.newContext(tablet)
    const page = await context.newPage()
    await page.goto(`${site.url}/kiosk`)
    await page.getByRole('heading', { name: 'Máy chưa được ghép nối' }).waitFor()
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('heading', { name: 'This tablet is not paired' }).waitFor()
    await page.goto(`${site.url}/kiosk#pair=kpair_khongdungmachnaydau123456`)
    await page.getByText('The pairing code is wrong, used or expired').waitFor()
    await context.close()
  })
})
