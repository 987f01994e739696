import type { Report, UnitReport } from '../domain/report-types.ts'

// The Ministry-wide report is megabytes of JSON, and after one rating only a few of its thousands of units
// differ from the text written a moment before. Most of a unit's text is its figures, which come from an
// index result kept while the agency's cells do not move, and its response rate, also kept: their text is
// kept with them, by the identity of their objects (a unit's `criteria` is its index result's own object,
// made for that result alone).
const figuresTexts = new WeakMap<object, { n: number; index: number | null; text: string }>()
const rateTexts = new WeakMap<object, string>()

function figuresText(u: UnitReport) {
  const kept = figuresTexts.get(u.criteria)
  if (kept && kept.n === u.n && kept.index === u.index) return kept.text
  const { n, index, ci95, elements, criteria, criteriaN, expectations, expectationsN, reasons, reasonsN } = u
  const text = JSON.stringify({ n, index, ci95, elements, criteria, criteriaN, expectations, expectationsN, reasons, reasonsN }).slice(1, -1)
  if (Object.isFrozen(u.criteria)) figuresTexts.set(u.criteria, { n, index, text })
  return text
}

function rateText(rate: UnitReport['responseRate']) {
  const kept = rateTexts.get(rate)
  if (kept !== undefined) return kept
  const text = JSON.stringify(rate)
  if (Object.isFrozen(rate)) rateTexts.set(rate, text)
  return text
}

/** One unit's JSON, in the key order of its object (the order computeReport builds it in). */
function unitText(u: UnitReport) {
  const { agency, name, kind, parent, sufficient, rank, previousRank, rankChange, previousIndex, indexChange, rankInKind } = u
  const head = JSON.stringify({ agency, name, kind, parent }).slice(0, -1)
  const ranks = JSON.stringify({ sufficient, rank, previousRank, rankChange, previousIndex, indexChange, rankInKind }).slice(1, -1)
  return `${head},${figuresText(u)},${ranks},"responseRate":${rateText(u.responseRate)},"excluded":${JSON.stringify(u.excluded)}}`
}

// The key orders unitText writes: figures with or without expectations and reasons.
const BEFORE = 'agency,name,kind,parent,n,index,ci95,elements,criteria,criteriaN'
const AFTER = 'sufficient,rank,previousRank,rankChange,previousIndex,indexChange,rankInKind,responseRate,excluded'
const USUAL = new Set(['', ',expectations,expectationsN'].flatMap((e) => ['', ',reasons,reasonsN'].map((r) => `${BEFORE}${e}${r},${AFTER}`)))

/**
 * `JSON.stringify(report)`, the same text to the byte, written from the kept texts of unchanged figures and
 * rates. A unit whose keys are not in the usual order is written by JSON.stringify itself.
 */
export function reportText(report: Report): string {
  const parts: string[] = []
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue
    const text =
      key === 'units' ? `[${(value as UnitReport[]).map((u) => (USUAL.has(Object.keys(u).join(',')) ? unitText(u) : JSON.stringify(u))).join(',')}]` : JSON.stringify(value)
    parts.push(`${JSON.stringify(key)}:${text}`)
  }
  return `{${parts.join(',')}}`
}
