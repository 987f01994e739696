import fs from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createUser } from '../../server/auth/service.ts'
import { makeWav } from '../helpers/audio.ts'
import { browserSuite, seriousA11yViolations, signIn, tablet } from '../helpers/browser.ts'
import { makeAgency, makeDesk, makeKiosk } from '../helpers/factories.ts'

const SHOTS = '/tmp/shots-i21'
const PASSWORD = 'mat-khau-quan-tri-1'
let desk: { id: number }
// A fake microphone (a steady tone) that needs no permission prompt: staff record in the browser.
const site = browserSuite({
  browserArgs: ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
  prepare: async (server) => {
    fs.mkdirSync(SHOTS, { recursive: true })
    const agency = await makeAgency(server.db, { code: 'UBX', name: 'UBND xã Thử' })
    desk = await makeDesk(server.db, agency.id, 'MC-01')
    await createUser(server.db, { username: 'quantri', password: PASSWORD, role: 'admin', agencyId: null, actor: 'test' }, new Date())
  },
})

const clipUrl = async (prompt: string) =>
  (await site.db.selectFrom('audio_clips').select('hash').where('language', '=', 'vi').where('prompt', '=', prompt).executeTakeFirstOrThrow()).hash

/** Which clips the page's audio started and finished (media events do not bubble: caught on the way down). */
async function listen(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { played: string[]; ended: string[] }
    w.played = []
    w.ended = []
    document.addEventListener('playing', (e) => w.played.push((e.target as HTMLMediaElement).dataset.clip ?? ''), true)
    document.addEventListener('ended', (e) => w.ended.push((e.target as HTMLMediaElement).dataset.clip ?? ''), true)
  })
}
const heard = (page: Page) => page.evaluate(() => (window as unknown as { ended: string[] }).ended)

describe('spoken prompts at the kiosk', () => {
  it('an admin uploads a clip per prompt (a file that is not audio is refused beside it)', async () => {
    const page = await site.browser.newPage({ viewport: { width: 1440, height: 900 } })
    page.setDefaultTimeout(8000)
    await signIn(page, site.url, 'quantri', PASSWORD)
    await page.getByRole('link', { name: 'Ngôn ngữ', exact: true }).click()
    await page.getByRole('heading', { name: 'Lời đọc tại máy tính bảng' }).waitFor()

    const row = (prompt: string) => page.locator(`tr[data-prompt="${prompt}"]`)
    await row('idle')
      .getByLabel('Tệp âm thanh cho “Màn hình đầu (mời đánh giá)”')
      .setInputFiles({ name: 'loi-doc.wav', mimeType: 'audio/wav', buffer: Buffer.from('not a sound, only text') })
    await row('idle').getByRole('alert').getByText('Tệp không phải âm thanh WebM, Ogg, MP3, WAV hoặc M4A', { exact: false }).waitFor()
    await row('idle').getByRole('alert').getByText('Tệp âm thanh').first().waitFor()

    const files = { idle: makeWav(0.3, 440), rate: makeWav(0.3, 550), 'face.3': makeWav(0.2, 660) }
    for (const [prompt, buffer] of Object.entries(files)) {
      await row(prompt)
        .locator('input[type=file]')
        .setInputFiles({ name: `${prompt}.wav`, mimeType: 'audio/wav', buffer })
      await row(prompt).getByRole('status').getByText('Đã lưu lời đọc').waitFor()
      await row(prompt).locator('audio').waitFor()
    }
    await row('idle').getByRole('alert').waitFor({ state: 'detached' })
    expect(await seriousA11yViolations(page)).toEqual([])
    await page.locator('.spoken-prompts').scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/admin-spoken-prompts-1440.png` })
    await page.close()
  })

  it('the speaker plays the uploaded clip offline, the faces after the question, Vietnamese where a language has none', { timeout: 60_000 }, async () => {
    const { code } = await makeKiosk(site.db, desk.id)
    const context = await site.browser.newContext(tablet)
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await listen(page)
    await page.goto(`${site.url}/kiosk#pair=${code}`)
    const speaker = page.getByRole('button', { name: 'Nghe đọc', exact: true })
    await speaker.waitFor()
    // The clips are in the tablet's cache and the shell in its service worker: then the network goes.
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 })
    await expect.poll(() => page.evaluate(async () => (await (await caches.open('hailong-kiosk-clips-v1')).keys()).length), { timeout: 10_000 }).toBe(3)
    await context.setOffline(true)
    await page.reload()
    await speaker.waitFor()
    await page.screenshot({ path: `${SHOTS}/kiosk-idle-speaker-1024.png` })

    const idle = `/api/v1/audio/${await clipUrl('idle')}`
    await speaker.click()
    await expect.poll(() => heard(page), { timeout: 10_000 }).toEqual([idle])
    expect(await page.evaluate(() => (window as unknown as { played: string[] }).played)).toEqual([idle])
    expect(await page.locator('audio[data-spoken-prompt]').evaluate((a: HTMLAudioElement) => a.currentSrc)).toMatch(/^blob:/)

    // The rating screen: the question, then each face that has a clip, in order; the faces still rate in one tap.
    await page.getByRole('button', { name: 'Đánh giá', exact: true }).click()
    await page.getByRole('heading', { name: 'Ông/Bà hài lòng thế nào về sự phục vụ hôm nay?' }).waitFor()
    await page.screenshot({ path: `${SHOTS}/kiosk-rate-speaker-1024.png` })
    await page.setViewportSize({ width: 800, height: 1280 })
    await page.screenshot({ path: `${SHOTS}/kiosk-rate-speaker-800x1280.png` })
    await page.setViewportSize({ width: 1024, height: 768 })
    await speaker.click()
    await expect.poll(() => heard(page), { timeout: 10_000 }).toEqual([idle, `/api/v1/audio/${await clipUrl('rate')}`, `/api/v1/audio/${await clipUrl('face.3')}`])
    expect(await seriousA11yViolations(page)).toEqual([])

    // In English, which has no clips of its own: the Vietnamese one, under an English label.
    await page.getByRole('button', { name: 'English' }).click()
    await page.getByRole('button', { name: 'Listen', exact: true }).click()
    await expect.poll(async () => (await heard(page)).length, { timeout: 10_000 }).toBe(4)

    // The thanks screen has no clip: no speaker there, and the back button keeps its place.
    await page.getByRole('button', { name: 'Very satisfied', exact: true }).click()
    await page.locator('[data-screen="thanks"]').waitFor()
    expect(await page.getByRole('button', { name: 'Listen' }).count()).toBe(0)
    await context.close()
  })

  it('an admin records a clip in the browser, listens to it, saves it; it can be deleted again', { timeout: 30_000 }, async () => {
    const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', permissions: ['microphone'] })
    const page = await context.newPage()
    page.setDefaultTimeout(8000)
    await signIn(page, site.url, 'quantri', PASSWORD)
    await page.getByRole('link', { name: 'Ngôn ngữ', exact: true }).click()
    await page.getByLabel('Ngôn ngữ của lời đọc').selectOption({ label: 'Tiếng Anh' })
    const row = page.locator('tr[data-prompt="thanks"]')
    await row.getByText('Chưa có — máy đọc bản tiếng Việt (nếu có)').waitFor()
    await row.getByRole('button', { name: 'Ghi âm' }).click()
    await row.getByRole('status').getByText('Đang ghi âm…').waitFor()
    // A second of the fake microphone's tone.
    await page.waitForTimeout(1000)
    await row.getByRole('button', { name: 'Dừng ghi' }).click()
    await row.getByLabel('Nghe lại bản vừa ghi').waitFor()
    await row.getByRole('button', { name: 'Lưu bản ghi âm' }).click()
    await row.getByRole('status').getByText('Đã lưu lời đọc').waitFor()
    const saved = await site.db.selectFrom('audio_clips').select(['type', 'bytes']).where('language', '=', 'en').where('prompt', '=', 'thanks').executeTakeFirstOrThrow()
    expect(saved.type).toMatch(/^audio\/(webm|ogg)$/)
    expect(saved.bytes).toBeGreaterThan(100)
    await row.scrollIntoViewIfNeeded()
    await page.screenshot({ path: `${SHOTS}/admin-spoken-prompts-recorded-1440.png` })

    await row.getByRole('button', { name: 'Xóa' }).click()
    await page.getByRole('dialog').getByRole('button', { name: 'Xóa' }).click()
    await row.getByRole('status').getByText('Đã xóa lời đọc').waitFor()
    await row.getByText('Chưa có — máy đọc bản tiếng Việt (nếu có)').waitFor()

    // The audit log says who did what to which prompt, in words.
    await page.getByRole('link', { name: 'Nhật ký', exact: true }).click()
    const entry = page.getByRole('row').filter({ hasText: 'Xóa lời đọc cho máy tính bảng' })
    await entry.getByText('Lời đọc “Lời cảm ơn”, tiếng Anh').waitFor()
    await entry.getByText('quantri').waitFor()
    await context.close()
  })
})
