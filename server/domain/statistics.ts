/**
 * Interval estimates and rounding for the index engine. Pure: no I/O, also bundled into the web app.
 * Shares are on a 0–100 scale throughout, like every index the platform reports.
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.96

function clip100(x: number): number {
  return Math.min(100, Math.max(0, x))
}

/**
 * 95 % Wilson score interval for `successes` out of `n`, on a 0–100 scale; null when n = 0.
 * Wilson rather than the normal approximation because agencies are small: at 30 of 30 satisfied the
 * normal interval collapses to [100, 100], Wilson still says "somewhere above 88.6".
 */
export function wilson(successes: number, n: number, z: number = Z95): [number, number] | null {
  if (!(n >= 0) || !(successes >= 0) || successes > n) throw new RangeError(`wilson: need 0 ≤ successes ≤ n, got ${successes} of ${n}`)
  if (n === 0) return null
  const p = successes / n
  const z2 = z * z
  const denom = 1 + z2 / n
  const centre = (p + z2 / (2 * n)) / denom
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom
  // The exact interval always contains p; min/max only absorb floating error at p = 0 or 1.
  return [clip100(Math.min(100 * (centre - half), 100 * p)), clip100(Math.max(100 * (centre + half), 100 * p))]
}

/** Answers to one criterion: how many, and how many of them satisfied. */
export interface CriterionCount {
  satisfied: number
  n: number
}

/** One element of a composite index: its weight and the counts of its criteria. */
export interface CompositePart {
  weight: number
  criteria: CriterionCount[]
}

/**
 * Conservative 95 % interval for a composite share index
 *   index = Σ_e (w_e / W) · (1/k_e) Σ_c p_c
 * (weighted mean of element indices, each the unweighted mean of its criterion shares), computed from
 * counts alone. Rollups keep per-criterion answer counts, not respondents, so the covariance between
 * criteria (the same person rates all of them) is unknown and a bootstrap over respondents is not
 * possible. Minkowski's inequality (sd of a sum ≤ sum of the sds, whatever the correlations) bounds
 *   SE ≤ Σ_e (w_e / W) · (1/k_e) Σ_c sqrt(p_c (1 − p_c) / n_c),
 * with equality when all criteria are perfectly correlated — so the interval index ± z·SE is never
 * narrower than the true one would be: conservative by construction. Clipped to [0, 100].
 *
 * Criteria with n = 0 and elements left without criteria are dropped and the weights renormalised over
 * the rest, exactly as the index itself does; `index` is that index (0–100), passed in so the interval
 * is centred on the very number reported. Null when nothing is left.
 *
 * Caveat: the plug-in SE is 0 when every criterion is at 0 % or 100 %, so the interval degenerates to a
 * point there (unlike Wilson for a single share).
 */
export function compositeInterval(index: number, parts: CompositePart[], z: number = Z95): [number, number] | null {
  const used = parts.map((part) => ({ weight: part.weight, criteria: part.criteria.filter((c) => c.n > 0) })).filter((part) => part.criteria.length > 0)
  const totalWeight = used.reduce((sum, part) => sum + part.weight, 0)
  if (used.length === 0 || !(totalWeight > 0) || !Number.isFinite(index)) return null
  let se = 0
  for (const part of used) {
    let sum = 0
    for (const c of part.criteria) {
      const p = c.satisfied / c.n
      sum += Math.sqrt((p * (1 - p)) / c.n)
    }
    se += (part.weight / totalWeight) * (sum / part.criteria.length)
  }
  const half = z * 100 * se
  return [clip100(index - half), clip100(index + half)]
}

/**
 * Decimal rounding, half away from zero (half-up for the non-negative numbers indices are), that first
 * strips binary floating error: 1.25 → 1.3, 0.15 → 0.2, 2.675 → 2.68, although 2.675 is stored as
 * 2.67499999…. Circular 01/2018 rounds indicator scores to one decimal, and a mean such as 27/20 must
 * round as the 1.35 it is. Going through 15 significant digits (all a double guarantees) removes the
 * representation error; shifting the decimal point in the string exponent avoids a second one.
 */
export function roundTo(x: number, decimals: number): number {
  if (!Number.isFinite(x) || x === 0) return x
  const [mantissa, exponent = '0'] = Math.abs(x).toPrecision(15).split('e')
  const shifted = Number(`${mantissa}e${Number(exponent) + decimals}`)
  // Past 2^52 a double has no fractional part left to round.
  if (shifted >= 2 ** 52) return x
  const rounded = Number(`${Math.round(shifted)}e${-decimals}`)
  // No -0 in exports: -0.04 to one decimal is 0.
  return x < 0 && rounded !== 0 ? -rounded : rounded
}
