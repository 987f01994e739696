import { randomBytes } from 'node:crypto'
import { sha256 } from './canonical-json.ts'

/** A random URL-safe secret with a readable prefix that tells what it opens (desk_, kiosk_, rcpt_…). */
export function newToken(prefix: string, bytes = 18): string {
  return `${prefix}_${randomBytes(bytes).toString('base64url')}`
}

/** Secrets are stored only as this hash; a leaked database opens nothing. */
export function hashToken(token: string): string {
  return sha256(token)
}
