import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { serve, type ServerType } from '@hono/node-server'
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { AlertEngine } from '../../server/alerts/engine.ts'
import { createApp } from '../../server/app.ts'
import { openDatabase } from '../../server/db/database.ts'
import { migrateToLatest } from '../../server/db/migrate.ts'
import { seedDemoIfEmpty } from '../../server/demo/seed.ts'
import { demoUsers } from '../../server/demo/users.ts'
import { DEFAULT_TIMEZONE } from '../../server/domain/periods.ts'
import { fixedClock, systemClock, type Clock } from '../../server/lib/clock.ts'
import { publishDefinitions } from '../../server/surveys/catalog.ts'
import { readDefinitionDir } from '../../server/surveys/definition-files.ts'
import { makeKiosk } from './factories.ts'
import { scratchDatabase, type ScratchDatabase } from './test-database.ts'

export const WEB_ROOT = fileURLToPath(new URL('../../dist/web/', import.meta.url))

/**
 * The real app and built web pages on a random local port, over a temporary SQLite file, or a fresh
 * PostgreSQL schema (dropped on close) when TEST_DATABASE_URL is set.
 */
export async function startServer(options: { clock?: Clock; minSample?: number; database?: ScratchDatabase; port?: number } = {}) {
  // A database passed in outlives this server (a restart on the same file or schema); its owner drops it.
  const scratch = options.database ?? (await scratchDatabase('browser'))
  const file = scratch.url
  const opened = await openDatabase(file)
  await migrateToLatest(opened.db)
  const clock = options.clock ?? systemClock
  await publishDefinitions(opened.db, readDefinitionDir(), fixedClock(clock.now()))
  const alerts = new AlertEngine({ db: opened.db, clock, timeZone: DEFAULT_TIMEZONE })
  const app = createApp({ db: opened.db, databaseKind: opened.kind, clock, timeZone: DEFAULT_TIMEZONE, minSample: options.minSample ?? 30, webRoot: WEB_ROOT, alerts })
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: options.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    db: opened.db,
    file,
    clock,
    app,
    alerts,
    async close() {
      const alertsStopped = alerts.stop()
      // Browsers keep connections alive: cut them, or close() waits for them (a restart must be prompt).
      const closing = new Promise<void>((resolve) => server.close(() => resolve()))
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
      await closing
      await alertsStopped
      await opened.close()
      if (!options.database) await scratch.drop()
    },
  }
}
export type TestServer = Awaited<ReturnType<typeof startServer>>

/**
 * Debian's Chromium, headless, with the flags this machine needs (no sandbox as root, no network chatter),
 * and a suite's own (e.g. a fake microphone for recording in the browser).
 */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', ...extraArgs],
  })
}

export const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'vi-VN' }
export const tablet: BrowserContextOptions = { viewport: { width: 1024, height: 768 }, hasTouch: true, locale: 'vi-VN' }

const axeSource = fs.readFileSync(fileURLToPath(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url)), 'utf8')

/** Runs axe-core on the page (evaluated through the DevTools protocol, so the page's CSP stays strict). */
export async function seriousA11yViolations(page: Page) {
  await page.evaluate(axeSource)
  const result = await page.evaluate(async () => {
    // @ts-expect-error injected above
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
    return r.violations.map((v: { id: string; impact: string; help: string; nodes: Array<{ target: string[] }> }) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => n.target.join(' ')),
    }))
  })
  return result.filter((v: { impact: string }) => v.impact === 'serious' || v.impact === 'critical')
}

/**
 * One browser test file's server and Chromium: the server starts before the file's tests, `prepare` puts in
 * the data they need, and both close after them. Tests read `site.url`, `site.db` and `site.browser`.
 */
export function browserSuite(options: Parameters<typeof startServer>[0] & { prepare?: (server: TestServer) => Promise<unknown>; browserArgs?: string[] } = {}) {
  let server: TestServer | undefined
  let browser: Browser | undefined
  beforeAll(async () => {
    server = await startServer(options)
    await options.prepare?.(server)
    browser = await launchBrowser(options.browserArgs)
  }, 120_000)
  afterAll(async () => {
    await browser?.close()
    await server?.close()
  })
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the browser suite has not started yet (use it inside a test)')
    return value
  }
  return {
    get server() {
      return started(server)
    },
    get browser() {
      return started(browser)
    },
    get url() {
      return started(server).url
    },
    get db() {
      return started(server).db
    },
    get clock() {
      return started(server).clock
    },
  }
}
export type BrowserSuite = ReturnType<typeof browserSuite>

/** The demo province (agencies, desks, four quarters of responses, demo accounts), as `npm start` seeds it. */
export const demoProvince = (server: TestServer) => seedDemoIfEmpty(server.db, { timeZone: DEFAULT_TIMEZONE, clock: server.clock })

const demoPassword = (username: string) => demoUsers.find((u) => u.username === username)?.password

/** Signs in through the real login page; the password defaults to the demo account's (server/demo/users.ts). */
export async function signIn(page: Page, baseUrl: string, username: string, password = demoPassword(username)!) {
  await page.goto(`${baseUrl}/login`)
  await page.getByLabel('Tên đăng nhập').fill(username)
  await page.getByLabel('Mật khẩu').fill(password)
  await page.getByRole('button', { name: 'Đăng nhập' }).click()
  await page.waitForURL(/\/dashboard/)
}

/** A new desktop context whose page signed in through the real login page (it is on the dashboard). */
export async function signedInPage(site: BrowserSuite, username: string, options: BrowserContextOptions = {}, password?: string) {
  const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN', ...options })
  const page = await context.newPage()
  await signIn(page, site.url, username, password)
  return { context, page }
}

/** A new context signed in through the login API, for tests whose subject is a page after sign-in. */
export async function staffContext(site: BrowserSuite, username: string, options: BrowserContextOptions = {}, password = demoPassword(username)!) {
  const context = await site.browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'vi-VN', ...options })
  const login = await context.request.post(`${site.url}/api/v1/auth/login`, { data: { username, password } })
  if (login.status() !== 200) throw new Error(`sign-in of ${username} refused: ${login.status()}`)
  return { context, page: await context.newPage() }
}

/** A fresh tablet (or the device given) opens the pairing link staff created for the desk, up to the start button. */
export async function pairedTablet(site: BrowserSuite, deskId: number, device: BrowserContextOptions = tablet): Promise<{ context: BrowserContext; page: Page; kioskId: number }> {
  const { id, code } = await makeKiosk(site.db, deskId)
  const context = await site.browser.newContext(device)
  const page = await context.newPage()
  await page.goto(`${site.url}/kiosk#pair=${code}`)
  await page.getByRole('button', { name: 'Đánh giá', exact: true }).waitFor()
  return { context, page, kioskId: id }
}

/** A fresh context on the device (a phone unless told) with one page open at the address. */
export async function openPage(site: BrowserSuite, url: string, device: BrowserContextOptions = phone): Promise<{ context: BrowserContext; page: Page }> {
  const context = await site.browser.newContext(device)
  const page = await context.newPage()
  await page.goto(url)
  return { context, page }
}
