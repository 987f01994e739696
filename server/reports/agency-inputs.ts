import type { Kysely } from 'kysely'
import { deepFreeze } from '../db/computed-once.ts'
import type { Db } from '../db/types.ts'
import { frozenSnapshots } from '../periods/repository.ts'
import { agencyRevisionBuckets, agencyRevisions, agencyRevisionsSum, REVISION_BUCKET } from '../rollups/repository.ts'
import { keepRecent } from '../lib/recent.ts'

interface Kept<V> {
  /** The closed quarters' snapshots the values include (those never change). */
  frozen: string
  /** Count and sum of the labels' revisions (agencyRevisionsSum). */
  sum: string
  /** Per agency, the revisions of its cells in the open quarters when they were read. */
  labels: Map<number, string>
  values: ReadonlyMap<number, V>
}

/** A handful per database handle: the current and previous quarter of each instrument. */
const MAX_ENTRIES = 8
const caches = new WeakMap<object, Map<string, Kept<unknown>>>()

/**
 * Per-agency values read from the agency's rollup cells in some quarters and survey versions (its counts,
 * its responses per channel), kept with the revisions of those cells (agency_revisions, moved in the same
 * transaction as the cells) and read again only for agencies whose revision has moved since. After one
 * rating, a Ministry-wide report reads a few thousand revisions and one agency's cells, not every agency's.
 *
 * Revisions are read before the values, so a value is never older than its label: a value read after a
 * later commit carries an older label and is read again next time, never reused for newer cells. When
 * the count and sum of a quarter's revisions are unchanged, none has moved and nothing more is read. Inside a
 * transaction nothing is kept (its reads may be rolled back). `read(ids)` reads the values of those
 * agencies, `read()` of all; an agency it leaves out has none. Values are frozen: callers share them.
 * A closed quarter's values come from its frozen snapshot unless `live`.
 */
export async function perAgency<V extends object>(
  db: Db,
  key: string,
  surveyVersionIds: number[],
  quarters: string[],
  read: (agencyIds?: number[]) => Promise<Map<number, V>>,
  opts: { live?: boolean } = {},
): Promise<ReadonlyMap<number, V>> {
  if (db.isTransaction) return read()
  const handle = db as Kysely<unknown>
  const cache = caches.get(handle) ?? caches.set(handle, new Map()).get(handle)!
  const cacheKey = JSON.stringify([key, surveyVersionIds, quarters])
  // `live`: the values come from the live cells in every quarter, closed ones too.
  const snapshots = opts.live ? new Map<string, number[]>() : await frozenSnapshots(db, surveyVersionIds, quarters)
  const frozen = JSON.stringify([...snapshots].sort())
  const open = quarters.filter((q) => !snapshots.has(q))
  const kept = cache.get(cacheKey) as Kept<V> | undefined
  const sumNow = await agencyRevisionsSum(db, surveyVersionIds, open)
  if (kept && kept.frozen === frozen && kept.sum === sumNow) {
    keepRecent(cache, cacheKey, kept, MAX_ENTRIES)
    return kept.values
  }
  const { labels, sum } = await labelsOf(handle, db, surveyVersionIds, open, sumNow)
  const changed = kept && kept.frozen === frozen ? [...labels].filter(([id, label]) => kept.labels.get(id) !== label).map(([id]) => id) : undefined
  let values: Map<number, V>
  // Past a quarter of all agencies, one read of everything costs less than thousands of keys.
  if (!kept || !changed || changed.length > Math.max(200, labels.size / 4)) values = freezeValues(await read())
  else if (!changed.length) values = kept.values as Map<number, V>
  else {
    const fresh = await read(changed)
    values = new Map(kept.values)
    for (const id of changed) {
      const v = fresh.get(id)
      if (v) values.set(id, deepFreeze(v))
      else values.delete(id)
    }
  }
  keepRecent(cache, cacheKey, { frozen, sum, labels, values }, MAX_ENTRIES)
  return values
}

interface Labels {
  /** Count and sum of all the revisions the labels were made from (as agencyRevisionsSum gives them). */
  sum: string
  labels: Map<number, string>
  /** Count and sum per bucket of agencies, as agencyRevisionBuckets gave them. */
  buckets: Map<number, string>
}
const labelCaches = new WeakMap<object, Map<string, Labels>>()

/**
 * Every agency's label (its revisions in these quarters). Those of the last read are reused while the sum
 * read just now is the same (the counts and the rates ask for the same quarters one after the other);
 * otherwise only the agencies of buckets whose count or sum moved are read again (after one rating, one
 * bucket of 64 instead of thousands of rows).
 */
async function labelsOf(handle: object, db: Db, surveyVersionIds: number[], quarters: string[], sumNow: string): Promise<Labels> {
  const cache = labelCaches.get(handle) ?? labelCaches.set(handle, new Map()).get(handle)!
  const key = JSON.stringify([surveyVersionIds, quarters])
  const kept = cache.get(key)
  if (kept?.sum === sumNow) return kept
  const buckets = new Map<number, string>()
  let count = 0
  let total = 0
  for (const b of await agencyRevisionBuckets(db, surveyVersionIds, quarters)) {
    buckets.set(b.bucket, `${b.n}:${b.total}`)
    count += b.n
    total += b.total
  }
  const moved = kept ? [...buckets].filter(([b, pair]) => kept.buckets.get(b) !== pair).map(([b]) => b) : undefined
  const labels = new Map<number, string>()
  if (kept && moved)
    for (const [id, label] of kept.labels) if (buckets.get(Math.floor(id / REVISION_BUCKET)) === kept.buckets.get(Math.floor(id / REVISION_BUCKET))) labels.set(id, label)
  for (const r of await agencyRevisions(db, surveyVersionIds, quarters, moved)) {
    const part = `${r.quarter}.${r.surveyVersionId}.${r.revision}`
    const before = labels.get(r.agencyId)
    // Rows come in no set order: sorted parts make the label the same for the same revisions.
    labels.set(r.agencyId, before === undefined ? part : [...before.split(' '), part].sort().join(' '))
  }
  const read = { sum: `${count}:${total}`, labels, buckets }
  return keepRecent(cache, key, read, MAX_ENTRIES)
}

function freezeValues<V>(values: Map<number, V>) {
  for (const v of values.values()) deepFreeze(v)
  return values
}
