import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'
import { sha256 } from './canonical-json.ts'

/**
 * The client's address: the socket's, or the first X-Forwarded-For hop when HAILONG_TRUST_PROXY says a
 * load balancer stands in front. Used only to key rate limits, and only ever stored as a salted hash.
 */
export function clientIp(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown' // app.request() in tests has no socket
  }
}

/**
 * The client address as a hash salted with the server secret and the UTC day: limits can count per
 * address, while stored keys cannot be linked across days or reversed without the secret.
 */
export const dailyClientHash = (secret: string, c: Context, trustProxy: boolean, now: Date) => sha256(`${secret}:${now.toISOString().slice(0, 10)}:${clientIp(c, trustProxy)}`)
