import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import { KIOSK_SETTINGS_KEY } from '../../server/kiosks/service.ts'
import { launchBrowser, startServer, tablet, type TestServer } from '../helpers/browser.ts'
import { makeAgency, makeDesk, makeKiosk } from '../helpers/factories.ts'
import { scratchDatabase, type ScratchDatabase } from '../helpers/test-database.ts'

// 500 ratings queued on a tablet with no network, across page reloads, drained into a server that is
// restarted part-way: every one stored, none twice. Slow (500 real taps), so in `npm run test:slow`.
const TOTAL = 500

let database: ScratchDatabase
let server: TestServer
let browser: Browser
beforeAll(async () => {
  database = await scratchDatabase('replay')
  server = await startServer({ database })
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
  await server?.close()
  await database?.drop()
})

const idle = (page: Page) => page.getByRole('button', { name: 'Đánh giá', exact: true })
const FACES = ['Rất hài lòng', 'Hài lòng']
const stored = async (kioskId: number) => (await server.db.selectFrom('responses').select('submission_id').where('kiosk_id', '=', kioskId).execute()).map((r) => r.submission_id)

describe('offline replay', () => {
  it(`${TOTAL} ratings queued offline across reloads and a server restart are stored exactly once each`, async () => {
    const agency = await makeAgency(server.db, { code: 'SNV', name: 'Sở Nội vụ' })
    const desk = await makeDesk(server.db, agency.id, 'MC-01')
    // Quick thank-you and no repeat guard, so 500 taps take minutes, not an hour.
    const value = JSON.stringify({ resetDelayMs: 50, repeatIntervalMs: 0 })
    await server.db
      .insertInto('settings')
      .values({ key: KIOSK_SETTINGS_KEY, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute()
    const { id: kioskId, code } = await makeKiosk(server.db, desk.id)
    const context = await browser.newContext(tablet)
    const page = await context.newPage()
    await page.goto(`${server.url}/kiosk#pair=${code}`)
    await idle(page).waitFor()
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 10_000 })
    await context.setOffline(true)

    // Three stretches of taps with a reload of the page after each: the queue lives in IndexedDB.
    const stretches = [200, 200, 100]
    let given = 0
    for (const n of stretches) {
      for (let i = 0; i < n; i++) {
        await idle(page).click()
        await page.getByRole('button', { name: FACES[given++ % 2]!, exact: true }).click()
        await idle(page).waitFor()
      }
      await page.getByText(`Chưa gửi: ${given}`).waitFor()
      await page.reload()
      await page.getByText(`Chưa gửi: ${given}`).waitFor()
    }
    expect(given).toBe(TOTAL)
    expect(await stored(kioskId)).toEqual([])

    // Back online. The third batch reaches the server and is stored, but the server goes down before the
    // tablet hears back (the answer is lost); it restarts on the same database and port, and the tablet
    // must resend that batch without storing any of it twice.
    let batches = 0
    let restart: Promise<void> | null = null
    let storedBeforeRestart = 0
    await page.route('**/api/v1/responses/batch', async (route) => {
      if (++batches === 3) {
        await route.fetch()
        restart = (async () => {
          storedBeforeRestart = (await stored(kioskId)).length
          const port = server.port
          await server.close()
          server = await startServer({ database, port })
        })()
        await restart
        return route.abort('connectionreset')
      }
      if (restart) await restart
      await route.continue()
    })
    await context.setOffline(false)
    await expect.poll(async () => (await stored(kioskId)).length, { timeout: 120_000, interval: 250 }).toBe(TOTAL)
    await page.getByText('Chưa gửi').waitFor({ state: 'detached', timeout: 30_000 })
    const ids = await stored(kioskId)
    expect(new Set(ids).size).toBe(TOTAL)
    expect(batches).toBeGreaterThan(3)
    expect(storedBeforeRestart).toBeGreaterThan(0)
    expect(storedBeforeRestart).toBeLessThan(TOTAL)
    // Nothing trickles in afterwards (no resend of a confirmed item).
    await page.waitForTimeout(1000)
    expect(await stored(kioskId)).toHaveLength(TOTAL)
    await context.close()
  })
})
