import { describe, expect, it } from 'vitest'
import { formatPeriod, parseInstant, parsePeriod, periodBounds, previousPeriod, quarterOf, quartersOf, shiftQuarter } from '../../server/domain/periods.ts'

const HCM = 'Asia/Ho_Chi_Minh'

describe('quarters in Asia/Ho_Chi_Minh', () => {
  it('puts 06:30 on 1 April local time in Q2 although it is still 31 March in UTC', () => {
    expect(quarterOf(new Date('2026-03-31T23:30:00Z'), HCM)).toBe('2026-Q2')
    expect(quarterOf(new Date('2026-03-31T23:30:00Z'), 'UTC')).toBe('2026-Q1')
  })
  it('keeps 23:59 on 31 March local time in Q1 (16:59 UTC)', () => {
    expect(quarterOf(new Date('2026-03-31T16:59:59Z'), HCM)).toBe('2026-Q1')
    expect(quarterOf(new Date('2026-03-31T17:00:00Z'), HCM)).toBe('2026-Q2')
  })
  it('moves New Year at 17:00 UTC on 31 December', () => {
    expect(quarterOf(new Date('2025-12-31T16:59:59.999Z'), HCM)).toBe('2025-Q4')
    expect(quarterOf(new Date('2025-12-31T17:00:00Z'), HCM)).toBe('2026-Q1')
  })
  it('answers alike in any order of instants, to the millisecond either side of a quarter change', () => {
    const wallClock = (at: Date, timeZone: string) => {
      const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: 'numeric' }).formatToParts(at).map((p) => [p.type, p.value]))
      return `${parts.year}-Q${Math.floor((Number(parts.month) - 1) / 3) + 1}`
    }
    for (const [timeZone, change] of [
      [HCM, Date.parse('2026-03-31T17:00:00Z')],
      ['Europe/Berlin', Date.parse('2026-09-30T22:00:00Z')],
      ['America/Sao_Paulo', Date.parse('2025-12-31T03:00:00Z')],
    ] as const) {
      const instants = [-86_400_000, -1, 0, 1, 3600_000, -3600_000, 1, -1, 0].map((d) => new Date(change + d))
      for (const at of instants) expect(quarterOf(at, timeZone), `${at.toISOString()} in ${timeZone}`).toBe(wallClock(at, timeZone))
    }
  })
  it('gives half-open UTC bounds for quarters and years', () => {
    expect(periodBounds(parsePeriod('2026-Q2'), HCM)).toEqual({ start: new Date('2026-03-31T17:00:00Z'), end: new Date('2026-06-30T17:00:00Z') })
    expect(periodBounds(parsePeriod('2026-Q4'), HCM)).toEqual({ start: new Date('2026-09-30T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z') })
    expect(periodBounds(parsePeriod('2026'), HCM)).toEqual({ start: new Date('2025-12-31T17:00:00Z'), end: new Date('2026-12-31T17:00:00Z') })
  })
})

describe('period keys', () => {
  it('parses and formats quarters and years', () => {
    expect(parsePeriod('2026-Q1')).toEqual({ kind: 'quarter', year: 2026, quarter: 1 })
    expect(parsePeriod('2026')).toEqual({ kind: 'year', year: 2026 })
    expect(formatPeriod(parsePeriod('2026-Q3'))).toBe('2026-Q3')
    expect(quartersOf(parsePeriod('2026'))).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
  })
  it('refuses anything else with a reason in both languages', () => {
    for (const bad of ['2026-Q5', '2026Q1', 'Q1-2026', '26', '', '2026-q1'])
      expect(() => parsePeriod(bad)).toThrowError(expect.objectContaining({ code: 'invalid_period', text: expect.objectContaining({ vi: expect.stringContaining('2026-Q1') }) }))
  })
  it('steps back across a year', () => {
    expect(formatPeriod(previousPeriod(parsePeriod('2026-Q1')))).toBe('2025-Q4')
    expect(formatPeriod(previousPeriod(parsePeriod('2026')))).toBe('2025')
    expect(shiftQuarter('2026-Q1', -5)).toBe('2024-Q4')
    expect(shiftQuarter('2025-Q4', 1)).toBe('2026-Q1')
  })
})

describe('instants in files', () => {
  it('reads offsets and bare local dates', () => {
    expect(parseInstant('2026-03-31T23:30:00+07:00', HCM)?.toISOString()).toBe('2026-03-31T16:30:00.000Z')
    expect(parseInstant('2026-03-31T16:30:00Z', HCM)?.toISOString()).toBe('2026-03-31T16:30:00.000Z')
    expect(parseInstant('2026-04-01', HCM)?.toISOString()).toBe('2026-03-31T17:00:00.000Z')
  })
  it('refuses times without an offset and impossible dates', () => {
    for (const bad of ['2026-03-31T23:30:00', '2026-02-30', '31/03/2026', 'yesterday', '2026-13-01T00:00:00Z']) expect(parseInstant(bad, HCM)).toBeNull()
  })
})
