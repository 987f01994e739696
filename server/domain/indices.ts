import type { LocalizedText } from './text.ts'
import type { IndexRules, PointsIndex, ShareIndex } from './survey-definition.ts'
import { compositeInterval, roundTo, wilson, type CompositePart, type CriterionCount } from './statistics.ts'

/**
 * The index engine: turns answer counts into the indices of instruments.md. Pure (also bundled into the
 * web app), and it works on counts, never on responses, so quarterly rollups, parents, the province and
 * years (sum of quarters) all go through the same code.
 */

/** Reportable answer counts for one unit (agency, desk, province…) over a period. */
export interface UnitCounts {
  /** responses counted (n) */
  responses: number
  /** per question id: answer value (rating number as string "1".."5", points "0".."2", option id) → count,
   *  plus the key "*" → number of responses that answered the question at all */
  questions: Record<string, Record<string, number>>
}

/** The key of `UnitCounts.questions[q]` that counts respondents, not values. */
export const ANSWERED = '*'

export interface IndexResult {
  n: number
  /** unrounded; null when nothing to compute */
  index: number | null
  /** Wilson for a single headline share; compositeInterval for element-based; null for points */
  ci95: [number, number] | null
  /** element id → index (share instruments with elements); {} otherwise */
  elements: Record<string, number | null>
  /** criterion id → share satisfied (share) or indicator score rounded to `decimals` (points) */
  criteria: Record<string, number | null>
  /** answers counted per criterion/indicator */
  criteriaN: Record<string, number>
  /** option id → 100 × choosing ÷ respondents answering the expectations question (options chosen at least once) */
  expectations?: Record<string, number>
  /** respondents who answered the expectations question (the denominator above) */
  expectationsN?: number
  /** same formula for the `reasons` question (mot-cua), share of those who answered it */
  reasons?: Record<string, number>
  /** respondents who answered the reasons question */
  reasonsN?: number
}

export function emptyCounts(): UnitCounts {
  return { responses: 0, questions: {} }
}

// Question ids such as "constructor" are valid, so never read inherited properties of a counts record.
function own<V>(record: Record<string, V>, key: string): V | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** Pure merge: a + b, for roll-ups to parents and the province, and for a year as the sum of its quarters. */
export function addCounts(a: UnitCounts, b: UnitCounts): UnitCounts {
  const questions: Record<string, Record<string, number>> = {}
  for (const source of [a.questions, b.questions])
    for (const [id, values] of Object.entries(source)) {
      const target = own(questions, id) ?? (questions[id] = {})
      for (const [value, count] of Object.entries(values)) target[value] = (own(target, value) ?? 0) + count
    }
  return { responses: a.responses + b.responses, questions }
}

/** Adds `b` into `a` in place: summing thousands of agencies into a province must not copy the sum each time. */
export function addCountsInto(a: UnitCounts, b: UnitCounts): UnitCounts {
  a.responses += b.responses
  for (const [id, values] of Object.entries(b.questions)) {
    const target = own(a.questions, id) ?? (a.questions[id] = {})
    for (const [value, count] of Object.entries(values)) target[value] = (own(target, value) ?? 0) + count
  }
  return a
}

function valuesOf(counts: UnitCounts, id: string): Record<string, number> {
  return own(counts.questions, id) ?? {}
}

/**
 * Answers with a value, summed over the values rather than read from "*": for a single-valued question
 * the two agree, and summing keeps every share within [0, 100] even if a rollup omits "*".
 */
function answersTo(values: Record<string, number>): number {
  let n = 0
  for (const [value, count] of Object.entries(values)) if (value !== ANSWERED) n += count
  return n
}

function criterionCount(rules: ShareIndex, counts: UnitCounts, id: string): CriterionCount {
  const values = valuesOf(counts, id)
  let satisfied = 0
  for (const v of rules.satisfiedValues) satisfied += own(values, String(v)) ?? 0
  return { satisfied, n: answersTo(values) }
}

function share(c: CriterionCount): number | null {
  return c.n > 0 ? (100 * c.satisfied) / c.n : null
}

function mean(xs: number[]): number | null {
  return xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : null
}

/**
 * Multi-choice shares: 100 × respondents choosing the option ÷ respondents answering the question. A
 * respondent may choose several options, so the shares can sum past 100. Only options present in the
 * counts appear; the caller fills the definition's other options with 0 if it lists them all.
 */
function choiceShares(counts: UnitCounts, id: string): { shares: Record<string, number>; n: number } {
  const values = valuesOf(counts, id)
  const n = own(values, ANSWERED) ?? 0
  const shares: Record<string, number> = {}
  if (n > 0) for (const [option, count] of Object.entries(values)) if (option !== ANSWERED) shares[option] = (100 * count) / n
  return { shares, n }
}

function computeShare(rules: ShareIndex, counts: UnitCounts): IndexResult {
  const memo = new Map<string, CriterionCount>()
  const countOf = (id: string): CriterionCount => {
    let c = memo.get(id)
    if (!c) memo.set(id, (c = criterionCount(rules, counts, id)))
    return c
  }
  const criteria: Record<string, number | null> = {}
  const criteriaN: Record<string, number> = {}
  for (const id of rules.criteria) {
    criteria[id] = share(countOf(id))
    criteriaN[id] = countOf(id).n
  }

  const result: IndexResult = { n: counts.responses, index: null, ci95: null, elements: {}, criteria, criteriaN }
  // The schema requires exactly one of headline/elements; should both be present, headline wins.
  if (rules.headline !== undefined) {
    const c = countOf(rules.headline)
    result.index = share(c)
    result.ci95 = wilson(c.satisfied, c.n)
  } else if (rules.elements) {
    const parts: CompositePart[] = []
    let weighted = 0
    let totalWeight = 0
    for (const element of rules.elements) {
      const withData = element.criteria.map(countOf).filter((c) => c.n > 0)
      const value = mean(withData.map((c) => share(c)!))
      result.elements[element.id] = value
      if (value === null) continue
      // Weights are renormalised over the elements that have data.
      weighted += element.weight * value
      totalWeight += element.weight
      parts.push({ weight: element.weight, criteria: withData })
    }
    if (totalWeight > 0) {
      result.index = weighted / totalWeight
      result.ci95 = compositeInterval(result.index, parts)
    }
  }

  if (rules.expectations !== undefined) {
    const { shares, n } = choiceShares(counts, rules.expectations)
    result.expectations = shares
    result.expectationsN = n
  }
  if (rules.reasons !== undefined) {
    const { shares, n } = choiceShares(counts, rules.reasons)
    result.reasons = shares
    result.reasonsN = n
  }
  return result
}

/** Circular 01/2018 art. 15: mean points per indicator rounded to `decimals`, total = sum of the rounded scores. */
function computePoints(rules: PointsIndex, counts: UnitCounts): IndexResult {
  const decimals = rules.decimals ?? 1
  const criteria: Record<string, number | null> = {}
  const criteriaN: Record<string, number> = {}
  let total = 0
  let scored = 0
  for (const id of rules.indicators) {
    const values = valuesOf(counts, id)
    let n = 0
    let points = 0
    for (const [value, count] of Object.entries(values)) {
      const worth = Number(value)
      if (value === ANSWERED || !Number.isFinite(worth)) continue
      n += count
      points += worth * count
    }
    criteriaN[id] = n
    criteria[id] = n > 0 ? roundTo(points / n, decimals) : null
    if (n > 0) {
      total += criteria[id]!
      scored++
    }
  }
  // The sum of numbers with `decimals` decimals has as many decimals; rounding only removes float noise
  // (1.1 + 2.2 would otherwise be exported as 3.3000000000000003).
  const index = scored > 0 ? roundTo(total, decimals) : null
  return { n: counts.responses, index, ci95: null, elements: {}, criteria, criteriaN }
}

export function computeIndex(rules: IndexRules, counts: UnitCounts): IndexResult {
  return rules.method === 'points' ? computePoints(rules, counts) : computeShare(rules, counts)
}

/** The band of a points total: the label of the band with the highest `min` ≤ total; null without bands. */
export function classify(rules: PointsIndex, total: number | null): LocalizedText | null {
  if (total === null || !rules.bands) return null
  let best: { min: number; label: LocalizedText } | null = null
  for (const band of rules.bands) if (band.min <= total && (best === null || band.min > best.min)) best = band
  return best?.label ?? null
}
