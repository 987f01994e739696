import type { Kysely } from 'kysely'
import { dataStamp } from './repository.ts'
import type { Db } from './types.ts'
import { keepRecent } from '../lib/recent.ts'

interface Entry {
  stamp: string
  value: Promise<unknown>
}

/** Results kept per database handle: a few, because a national report takes about 4 MB in memory and its JSON text 3 MB more. */
const MAX_ENTRIES = 8
const caches = new WeakMap<object, Map<string, Entry>>()

/**
 * `compute()`'s result, computed again only when the database's data stamp has moved since it was kept:
 * a report or trend is a pure function of what is committed, so an unchanged stamp gives the same answer
 * (the integrity tests compare such reports byte for byte). Concurrent callers with the same key and
 * stamp share one computation. Inside a transaction nothing is kept: its reads may include writes that
 * are later rolled back. The value is frozen deeply, so a caller that changed it would throw rather than
 * alter what the next caller gets. `stampOf` narrows the stamp for a result read from one table only.
 */
export async function computedOnce<T>(db: Db, key: string, compute: () => Promise<T>, stampOf: (db: Db) => Promise<string> = dataStamp): Promise<T> {
  if (db.isTransaction) return compute()
  const handle = db as Kysely<unknown>
  const cache = caches.get(handle) ?? caches.set(handle, new Map()).get(handle)!
  const stamp = await stampOf(db)
  const kept = cache.get(key)
  if (kept && kept.stamp === stamp) {
    keepRecent(cache, key, kept, MAX_ENTRIES)
    return kept.value as Promise<T>
  }
  const value = compute().then(deepFreeze)
  keepRecent(cache, key, { stamp, value }, MAX_ENTRIES)
  value.catch(() => cache.get(key)?.value === value && cache.delete(key))
  return value
}

/** Freezes a value and everything inside it (a Map's values too), so callers that share it cannot alter it. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value
  Object.freeze(value)
  // Plain loops, and primitives skipped before the call: a national report holds hundreds of thousands of values.
  if (value instanceof Map) for (const v of value.values()) deepFreeze(v)
  else if (Array.isArray(value)) for (let i = 0; i < value.length; i++) deepFreeze(value[i])
  else
    for (const key in value) {
      const v = (value as Record<string, unknown>)[key]
      if (v !== null && typeof v === 'object') deepFreeze(v)
    }
  return value
}
