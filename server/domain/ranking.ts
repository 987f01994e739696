/**
 * Ranking of units by index and comparison with the previous period (instruments.md, "Statistics every
 * report carries"). Pure; also bundled into the web app.
 */

export interface Rankable {
  index: number | null
  n: number
}

export type Ranked<T> = T & { sufficient: boolean; rank: number | null }

/** How units are identified and tie-ordered: a function of the unit, returning a string. */
export type KeyOf<T> = (unit: T) => string | undefined

/**
 * The default identity of a unit: its `key` field if it is a string, else its `agency` field (the agency
 * code of the Report JSON), else undefined.
 */
export function defaultKey(unit: object): string | undefined {
  const u = unit as { key?: unknown; agency?: unknown }
  if (typeof u.key === 'string') return u.key
  if (typeof u.agency === 'string') return u.agency
  return undefined
}

// Code-unit order, not localeCompare: the same on every server and browser, whatever its ICU data.
function compareKeys(a: string | undefined, b: string | undefined): number {
  const x = a ?? ''
  const y = b ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

function rankable(u: Rankable, minSample: number): boolean {
  return u.n >= minSample && u.index !== null && Number.isFinite(u.index)
}

/** Index descending, null (or NaN) last. */
function byIndexDesc(a: number | null, b: number | null): number {
  const x = a !== null && Number.isFinite(a) ? a : -Infinity
  const y = b !== null && Number.isFinite(b) ? b : -Infinity
  if (x === y) return 0
  return x > y ? -1 : 1
}

/**
 * Ranks units by index, highest first. Units with n ≥ minSample and an index are ranked; equal indices
 * (compared at full precision, ===) share a rank and the next rank skips ("1, 2, 2, 4"). The others get
 * `sufficient: false, rank: null` ("chưa đủ mẫu") and follow the ranked ones, by index descending with
 * null last. Within equal indices the order is by `keyOf` (default: `key`, else `agency`), then the input
 * order (the sort is stable), so the output is deterministic. Returns new objects; the input is untouched.
 */
export function rankUnits<T extends Rankable>(units: readonly T[], minSample: number, keyOf: KeyOf<T> = defaultKey): Array<Ranked<T>> {
  const order = (a: T, b: T) => byIndexDesc(a.index, b.index) || compareKeys(keyOf(a), keyOf(b))
  const ranked = units.filter((u) => rankable(u, minSample)).sort(order)
  const rest = units.filter((u) => !rankable(u, minSample)).sort(order)
  const out: Array<Ranked<T>> = []
  // Object.assign, not spread: V8 copies with a spread about ten times slower, and a national ranking
  // copies thousands of units.
  ranked.forEach((u, i) => {
    const previous = out[i - 1]
    const rank = previous && previous.index === u.index ? previous.rank : i + 1
    out.push(Object.assign({}, u, { sufficient: true, rank }))
  })
  for (const u of rest) out.push(Object.assign({}, u, { sufficient: false, rank: null }))
  return out
}

export interface Comparable {
  index: number | null
  rank: number | null
}

export interface Change {
  previousRank: number | null
  /** previous − current rank: positive when the unit moved up (10th → 4th is 6) */
  rankChange: number | null
  previousIndex: number | null
  /** current − previous index, unrounded */
  indexChange: number | null
}

/**
 * Adds the change against the previous period (the previous quarter of the same instrument) to each
 * current unit, matching units by `keyOf` (default: `key`, else `agency`). `previousRank` and
 * `previousIndex` are the previous period's whenever it had them (even if this period does not rank the
 * unit); `rankChange` is null unless both periods ranked the unit, `indexChange` unless both have an index;
 * all are null for a unit absent from `previous` (exchange-formats.md). Throws on a unit without a key or a key repeated in `previous`:
 * either would silently compare the wrong agencies.
 */
export function compareWithPrevious<T extends Comparable, P extends Comparable>(
  current: readonly T[],
  previous: readonly P[],
  keyOf: KeyOf<T | P> = defaultKey,
): Array<T & Change> {
  const keyed = (u: T | P): string => {
    const key = keyOf(u)
    if (key === undefined) throw new Error('compareWithPrevious: a unit has no key')
    return key
  }
  const before = new Map<string, P>()
  for (const p of previous) {
    const key = keyed(p)
    if (before.has(key)) throw new Error(`compareWithPrevious: key "${key}" appears twice in the previous period`)
    before.set(key, p)
  }
  return current.map((u) => {
    const p = before.get(keyed(u))
    const ranks = p && u.rank !== null && p.rank !== null
    const indices = p && u.index !== null && p.index !== null
    // Object.assign for the same reason as in rankUnits.
    return Object.assign({}, u, {
      // Last quarter's rank is worth showing even when this quarter does not rank the agency.
      previousRank: p?.rank ?? null,
      rankChange: ranks ? p.rank! - u.rank! : null,
      previousIndex: p?.index ?? null,
      indexChange: indices ? u.index! - p.index! : null,
    })
  })
}

/** How many units each table of a ranking has, when a first page of it is sent instead of the whole. */
export interface RankingTotals {
  ranked: number
  insufficient: number
}

/**
 * The first `top` units of each table of a ranking (the ranked ones, then those below the minimum sample),
 * in the ranking's own order, and how many each table has: what a first screen draws of thousands of rows.
 */
export function firstOfRanking<T extends { sufficient: boolean }>(units: readonly T[], top: number): { units: T[]; totals: RankingTotals } {
  const ranked: T[] = []
  const insufficient: T[] = []
  let totalRanked = 0
  for (const u of units) {
    if (u.sufficient) {
      if (totalRanked++ < top) ranked.push(u)
    } else if (insufficient.length < top) insufficient.push(u)
  }
  return { units: [...ranked, ...insufficient], totals: { ranked: totalRanked, insufficient: units.length - totalRanked } }
}
