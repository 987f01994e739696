import { describe, expect, it } from 'vitest'
import type { Report, UnitReport } from '../../server/domain/report-types.ts'
import { reportBytes } from '../../server/reports/report-text.ts'

const reportText = (r: Report) => new TextDecoder().decode(reportBytes(r))

const rate = Object.freeze({ dossierData: true, dossiers: 10, evaluations: 4, rate: 40, byChannel: { kiosk: { n: 4, rate: 40 } } })
const unit = (over: Partial<UnitReport>, extra: Record<string, unknown> = {}): UnitReport =>
  Object.freeze({
    agency: 'SNV',
    name: 'Sở "Nội vụ" \u2028 tỉnh',
    kind: 'department',
    parent: null,
    n: 12,
    index: 91.66666666666667,
    ci95: [80.1, 97.2],
    elements: {},
    criteria: Object.freeze({ overall: 91.66666666666667 }),
    criteriaN: { overall: 12 },
    ...extra,
    sufficient: true,
    rank: 1,
    previousRank: null,
    rankChange: null,
    previousIndex: null,
    indexChange: null,
    rankInKind: 1,
    responseRate: rate,
    excluded: {},
    ...over,
  }) as UnitReport

const report = (units: UnitReport[]): Report =>
  ({
    survey: 'mot-cua',
    period: '2026-Q2',
    timezone: 'Asia/Ho_Chi_Minh',
    minSample: 2,
    method: 'share',
    versions: ['mot-cua@1'],
    filters: { channel: null, kind: null },
    overall: { n: 12, index: 91.66666666666667, ci95: null, elements: {}, criteria: {}, criteriaN: {}, responseRate: rate },
    units,
    parents: [],
    excluded: { fraud: 1 },
  }) as unknown as Report

describe('the report bytes put together from kept units', () => {
  it('is JSON.stringify of the report to the byte, whichever figures a unit has, and when written again', () => {
    const units = [
      unit({}),
      unit({ agency: 'XA-1', kind: 'commune', parent: 'SNV', index: null, ci95: null, sufficient: false, rank: null }, { reasons: { slow: 50 }, reasonsN: 2 }),
      unit({ agency: 'XA-2', index: Number.NaN }, { expectations: { online: 25 }, expectationsN: 4, reasons: {}, reasonsN: 0 }),
      unit({ agency: 'XA-3', rank: 3, excluded: { spam: 2 } }, { expectations: { online: 25 }, expectationsN: 4 }),
    ]
    const r = report(units)
    expect(reportText(r)).toBe(JSON.stringify(r))
    // Again, now from the kept texts; and with the same figures under another rank.
    expect(reportText(r)).toBe(JSON.stringify(r))
    const moved = report(units.map((u, i) => ({ ...u, rank: i + 10, rankChange: -i })))
    expect(reportText(moved)).toBe(JSON.stringify(moved))
  })

  it('writes a unit with its keys in another order as JSON.stringify does', () => {
    const odd = Object.fromEntries(Object.entries(unit({ agency: 'LA' })).reverse()) as unknown as UnitReport
    // Reasons before expectations, and a pair cut in two: orders the kept pieces are not written in.
    const swapped = unit({ agency: 'XA-9' }, { reasons: { slow: 50 }, reasonsN: 2, expectations: { online: 25 }, expectationsN: 4 })
    const split = unit({ agency: 'XA-8' }, { expectations: { online: 25 }, reasons: { slow: 50 }, expectationsN: 4, reasonsN: 2 })
    const r = report([odd, unit({}), swapped, split])
    expect(reportText(r)).toBe(JSON.stringify(r))
    expect(reportText(r)).toBe(JSON.stringify(r))
  })

  it('writes a unit again when any of its values changed, an excluded count or a name', () => {
    const first = unit({ agency: 'XA-7' })
    expect(reportText(report([first]))).toBe(JSON.stringify(report([first])))
    for (const changed of [unit({ agency: 'XA-7', excluded: { spam: 1 } }), unit({ agency: 'XA-7', name: 'Tên mới' }), unit({ agency: 'XA-7', rank: 2 })]) {
      const r = report([Object.freeze({ ...changed, criteria: first.criteria }) as UnitReport])
      expect(reportText(r)).toBe(JSON.stringify(r))
    }
  })
})
