import { describe, it, expect } from 'vitest'
import fc from 'fast-check'
import { compositeInterval, roundTo, wilson } from '../../server/domain/statistics.ts'

// z = 1.96, z² = 3.8416 throughout.
describe('wilson', () => {
  it('45 of 50', () => {
    // p = 0.9; 1 + z²/n = 1 + 3.8416/50 = 1.076832
    // centre = (0.9 + 3.8416/100) / 1.076832 = 0.938416 / 1.076832 = 0.8714600
    // half = 1.96 · sqrt(0.09/50 + 3.8416/10000) / 1.076832 = 1.96 · sqrt(0.00218416) / 1.076832
    //      = 1.96 · 0.0467350 / 1.076832 = 0.0850649
    // → [78.63951, 95.65249]
    const [lo, hi] = wilson(45, 50)!
    expect(lo).toBeCloseTo(78.63951, 4)
    expect(hi).toBeCloseTo(95.65249, 4)
  })

  it('0 of 10: lower bound exactly 0, upper z²/(n+z²)', () => {
    // centre = half = (3.8416/20) / 1.38416 = 0.19208 / 1.38416 = 0.1387701 → upper 3.8416/13.8416 = 0.2775402
    expect(wilson(0, 10)).toEqual([0, expect.closeTo(27.75402, 4)])
  })

  it('10 of 10: upper bound exactly 100, lower n/(n+z²)', () => {
    // lower = 1 − 3.8416/13.8416 = 10/13.8416 = 0.7224598
    expect(wilson(10, 10)).toEqual([expect.closeTo(72.24598, 4), 100])
  })

  it('30 of 30 still gives a real interval', () => {
    // lower = 30 / (30 + 3.8416) = 30 / 33.8416 = 0.8864829
    expect(wilson(30, 30)![0]).toBeCloseTo(88.64829, 4)
  })

  it('n = 0 → null', () => {
    expect(wilson(0, 0)).toBeNull()
  })

  it('rejects impossible counts', () => {
    expect(() => wilson(11, 10)).toThrow(RangeError)
    expect(() => wilson(-1, 10)).toThrow(RangeError)
  })

  it('always contains p and stays within [0, 100]', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))),
        ([s, n]) => {
          const [lo, hi] = wilson(s, n)!
          const p = (100 * s) / n
          expect(lo).toBeGreaterThanOrEqual(0)
          expect(hi).toBeLessThanOrEqual(100)
          expect(lo).toBeLessThanOrEqual(p)
          expect(hi).toBeGreaterThanOrEqual(p)
        },
      ),
    )
  })
})

describe('compositeInterval', () => {
  // Element A (weight 1): c1 80/100, c2 50/100; element B (weight 1): c3 90/100.
  // index = ½·(80 + 50)/2 + ½·90 = 32.5 + 45 = 77.5
  // SEs: c1 sqrt(0.8·0.2/100) = 0.04, c2 sqrt(0.5·0.5/100) = 0.05, c3 sqrt(0.9·0.1/100) = 0.03
  // SE ≤ ½·(0.04 + 0.05)/2 + ½·0.03 = 0.0225 + 0.015 = 0.0375 → 3.75 points; 1.96 · 3.75 = 7.35
  const parts = [
    {
      weight: 1,
      criteria: [
        { satisfied: 80, n: 100 },
        { satisfied: 50, n: 100 },
      ],
    },
    { weight: 1, criteria: [{ satisfied: 90, n: 100 }] },
  ]

  it('index ± 1.96 · (weighted sum of criterion SEs)', () => {
    const [lo, hi] = compositeInterval(77.5, parts)!
    expect(lo).toBeCloseTo(70.15, 9) // 77.5 − 7.35
    expect(hi).toBeCloseTo(84.85, 9) // 77.5 + 7.35
  })

  it('weights are normalised: weight 3 on B', () => {
    // index = ¼·65 + ¾·90 = 16.25 + 67.5 = 83.75
    // SE = ¼·(0.04 + 0.05)/2 + ¾·0.03 = 0.01125 + 0.0225 = 0.03375 → 1.96 · 3.375 = 6.615
    const weighted = [parts[0]!, { ...parts[1]!, weight: 3 }]
    expect(compositeInterval(83.75, weighted)).toEqual([expect.closeTo(77.135, 9), expect.closeTo(90.365, 9)])
  })

  it('drops criteria and elements without answers', () => {
    // an empty criterion in A and an empty element C change nothing
    const padded = [{ weight: 1, criteria: [...parts[0]!.criteria, { satisfied: 0, n: 0 }] }, parts[1]!, { weight: 5, criteria: [{ satisfied: 0, n: 0 }] }]
    expect(compositeInterval(77.5, padded)).toEqual(compositeInterval(77.5, parts))
  })

  it('is clipped to [0, 100]', () => {
    // 19/20: SE = sqrt(0.95·0.05/20) = sqrt(0.002375) = 0.0487340 → ± 9.55186 → [85.448, 104.55 → 100]
    expect(compositeInterval(95, [{ weight: 1, criteria: [{ satisfied: 19, n: 20 }] }])).toEqual([expect.closeTo(85.44814, 4), 100])
  })

  it('null when no criterion has answers', () => {
    expect(compositeInterval(0, [])).toBeNull()
    expect(compositeInterval(0, [{ weight: 1, criteria: [{ satisfied: 0, n: 0 }] }])).toBeNull()
  })
})

describe('roundTo', () => {
  it('rounds half up despite binary representation', () => {
    expect(roundTo(1.25, 1)).toBe(1.3)
    expect(roundTo(1.35, 1)).toBe(1.4) // 1.35 is stored as 1.3500000000000000888
    expect(roundTo(0.15, 1)).toBe(0.2) // 0.15 is stored as 0.1499999999999999944
    expect(roundTo(2.675, 2)).toBe(2.68) // stored as 2.67499999999999982236431605997495353221893310546875
    expect(roundTo(1.005, 2)).toBe(1.01) // naive Math.round(1.005 * 100) / 100 gives 1
    expect(roundTo(27 / 20, 1)).toBe(1.4) // a computed mean of exactly 1.35
    expect(roundTo(1.1 + 2.2, 1)).toBe(3.3) // 3.3000000000000003
  })

  it('rounds below half down and leaves round numbers alone', () => {
    expect(roundTo(1.24, 1)).toBe(1.2)
    expect(roundTo(1.349, 1)).toBe(1.3)
    expect(roundTo(2, 1)).toBe(2)
    expect(roundTo(0, 2)).toBe(0)
    expect(roundTo(2.5, 0)).toBe(3)
    expect(roundTo(92.14159, 2)).toBe(92.14)
  })

  it('rounds negatives symmetrically and never returns -0', () => {
    expect(roundTo(-1.25, 1)).toBe(-1.3)
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true)
  })

  it('copes with tiny and huge numbers', () => {
    expect(roundTo(1e-7, 1)).toBe(0)
    expect(roundTo(1.5e-7, 7)).toBe(2e-7)
    expect(roundTo(1e20, 1)).toBe(1e20)
    expect(roundTo(Number.NaN, 1)).toBeNaN()
  })
})
