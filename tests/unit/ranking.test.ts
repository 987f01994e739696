import { describe, it, expect } from 'vitest'
import { compareWithPrevious, firstOfRanking, rankUnits } from '../../server/domain/ranking.ts'

type Unit = { agency: string; index: number | null; n: number }
const unit = (agency: string, index: number | null, n = 100): Unit => ({ agency, index, n })

describe('rankUnits', () => {
  it('competition ranking: equal indices share a rank, the next one skips ("1, 2, 2, 4")', () => {
    const ranked = rankUnits([unit('D', 85), unit('B', 90), unit('A', 95), unit('C', 90)], 30)
    expect(ranked.map((u) => [u.agency, u.rank])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 2],
      ['D', 4],
    ])
    expect(ranked.every((u) => u.sufficient)).toBe(true)
  })

  it('ties are at full precision', () => {
    const ranked = rankUnits([unit('A', 90), unit('B', 90.0000001)], 30)
    expect(ranked.map((u) => [u.agency, u.rank])).toEqual([
      ['B', 1],
      ['A', 2],
    ])
  })

  it('equal indices are ordered by key (agency), whatever the input order', () => {
    const one = rankUnits([unit('SYT', 90), unit('SNV', 90), unit('STC', 90)], 30).map((u) => u.agency)
    const two = rankUnits([unit('STC', 90), unit('SYT', 90), unit('SNV', 90)], 30).map((u) => u.agency)
    expect(one).toEqual(['SNV', 'STC', 'SYT'])
    expect(two).toEqual(one)
  })

  it('a `key` field wins over `agency`, and a custom keyOf over both', () => {
    const units = [
      { key: 'b', agency: 'A', index: 1, n: 1 },
      { key: 'a', agency: 'B', index: 1, n: 1 },
    ]
    expect(rankUnits(units, 1).map((u) => u.key)).toEqual(['a', 'b'])
    expect(rankUnits(units, 1, (u) => u.agency).map((u) => u.key)).toEqual(['b', 'a'])
  })

  it('insufficient samples and null indices are not ranked and come after, by index, nulls last', () => {
    const ranked = rankUnits([unit('E', 99, 10), unit('F', null, 40), unit('A', 80, 30), unit('G', 50, 5), unit('H', null, 3), unit('B', 70, 31)], 30)
    expect(ranked.map((u) => [u.agency, u.sufficient, u.rank])).toEqual([
      ['A', true, 1], // n = 30 = minSample is enough
      ['B', true, 2],
      ['E', false, null], // 99 but only 10 responses
      ['G', false, null],
      ['F', false, null], // enough responses, but no index
      ['H', false, null],
    ])
  })

  it('keeps the unit fields and leaves the input untouched', () => {
    const input = [unit('A', 80)]
    const [out] = rankUnits(input, 30)
    expect(out).toEqual({ agency: 'A', index: 80, n: 100, sufficient: true, rank: 1 })
    expect(input[0]).toEqual({ agency: 'A', index: 80, n: 100 })
  })

  it('empty list', () => {
    expect(rankUnits([], 30)).toEqual([])
  })
})

describe('compareWithPrevious', () => {
  const entry = (agency: string, rank: number | null, index: number | null) => ({ agency, rank, index })

  it('from 10th to 4th is +6; 92.14 after 91.35 is +0.79', () => {
    const [x] = compareWithPrevious([entry('SNV', 4, 92.14)], [entry('SNV', 10, 91.35)])
    expect(x).toMatchObject({ previousRank: 10, rankChange: 6, previousIndex: 91.35 }) // 10 − 4 = 6
    expect(x!.indexChange).toBeCloseTo(0.79, 10) // 92.14 − 91.35, unrounded
  })

  it('moving down is negative', () => {
    const [x] = compareWithPrevious([entry('STC', 5, 80)], [entry('STC', 2, 85.5)])
    expect(x).toMatchObject({ previousRank: 2, rankChange: -3, previousIndex: 85.5, indexChange: -5.5 }) // 2 − 5, 80 − 85.5
  })

  it('matches by agency, not by position', () => {
    const out = compareWithPrevious([entry('A', 1, 90), entry('B', 2, 80)], [entry('B', 1, 85), entry('A', 2, 70)])
    expect(out.map((u) => [u.agency, u.rankChange, u.indexChange])).toEqual([
      ['A', 1, 20], // 2 − 1, 90 − 70
      ['B', -1, -5], // 1 − 2, 80 − 85
    ])
  })

  it('nothing to compare → null', () => {
    const out = compareWithPrevious(
      [entry('NEW', 1, 90), entry('WASLOW', 2, 80), entry('NOWLOW', null, 75), entry('NOIDX', null, null)],
      [entry('WASLOW', null, 70), entry('NOWLOW', 3, 78), entry('NOIDX', 4, 60)],
    )
    const changes = out.map(({ previousRank, rankChange, previousIndex, indexChange }) => [previousRank, rankChange, previousIndex, indexChange])
    expect(changes).toEqual([
      [null, null, null, null], // no previous entry
      [null, null, 70, 10], // not ranked last quarter (insufficient sample): index change only, 80 − 70
      [3, null, 78, -3], // not ranked now: last quarter's rank still shown, no rank change; 75 − 78
      [4, null, 60, null], // no index now: last quarter's rank and index, no change
    ])
  })

  it('keeps the current fields', () => {
    const [x] = compareWithPrevious([{ agency: 'A', rank: 1, index: 90, n: 42, sufficient: true }], [])
    expect(x).toEqual({
      agency: 'A',
      rank: 1,
      index: 90,
      n: 42,
      sufficient: true,
      previousRank: null,
      rankChange: null,
      previousIndex: null,
      indexChange: null,
    })
  })

  it('refuses units without a key and duplicate previous keys', () => {
    expect(() => compareWithPrevious([{ rank: 1, index: 1 }], [])).toThrow(/no key/)
    expect(() => compareWithPrevious([], [entry('A', 1, 1), entry('A', 2, 1)])).toThrow(/twice/)
  })

  it('composes with rankUnits', () => {
    const previous = rankUnits([unit('A', 80), unit('B', 90)], 30)
    const current = rankUnits([unit('A', 95), unit('B', 90)], 30)
    const out = compareWithPrevious(current, previous)
    expect(out.map((u) => [u.agency, u.rank, u.rankChange, u.indexChange])).toEqual([
      ['A', 1, 1, 15], // 2nd → 1st, 95 − 80
      ['B', 2, -1, 0], // 1st → 2nd, 90 − 90
    ])
  })
})

describe('firstOfRanking', () => {
  const units = [...Array.from({ length: 5 }, (_, i) => ({ agency: `R${i}`, sufficient: true })), ...Array.from({ length: 3 }, (_, i) => ({ agency: `I${i}`, sufficient: false }))]
  it('keeps the first N of each table in order and counts both tables', () => {
    const { units: page, totals } = firstOfRanking(units, 2)
    expect(page.map((u) => u.agency)).toEqual(['R0', 'R1', 'I0', 'I1'])
    expect(totals).toEqual({ ranked: 5, insufficient: 3 })
  })
  it('gives everything when N covers both tables, and nothing of an empty ranking', () => {
    expect(firstOfRanking(units, 5).units).toEqual(units)
    expect(firstOfRanking([], 3)).toEqual({ units: [], totals: { ranked: 0, insufficient: 0 } })
  })
})
