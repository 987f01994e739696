import { randomBytes } from 'node:crypto'
import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { sha256 } from '../lib/canonical-json.ts'

/** A random id per browser, set when a desk link is opened: "one response per browser per desk per day". */
export const BROWSER_COOKIE = 'hl_browser'
const BROWSER_ID = /^[A-Za-z0-9_-]{22,64}$/

export function browserId(c: Context): string | undefined {
  const id = getCookie(c, BROWSER_COOKIE)
  return id && BROWSER_ID.test(id) ? id : undefined
}

/** Sets the browser id unless it has one; HttpOnly so page scripts never see it, Lax so the link works from a QR scan. */
export function ensureBrowserId(c: Context, secure: boolean) {
  if (browserId(c)) return
  setCookie(c, BROWSER_COOKIE, randomBytes(18).toString('base64url'), { httpOnly: true, sameSite: 'Lax', secure, path: '/', maxAge: 400 * 24 * 3600 })
}

/** Only this salted hash is stored (link_uses): the cookie value itself never reaches the database. */
export const browserHash = (secret: string, id: string) => sha256(`${secret}:browser:${id}`)
