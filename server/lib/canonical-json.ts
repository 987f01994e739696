import { createHash } from 'node:crypto'

/** JSON with object keys sorted at every depth: equal content gives equal text, whatever the key order. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, (v as Record<string, unknown>)[k]]),
        )
      : v,
  )
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex')
}

export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value))
}
