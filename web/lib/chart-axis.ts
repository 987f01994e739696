import type { TrendPoint } from './report-types.ts'

/** An axis fitted to what is drawn (indices and their intervals), with a little room, within the scale's bounds. */
export function fittedAxis(points: Array<Pick<TrendPoint, 'index' | 'ci95' | 'sufficient'>>, method: 'share' | 'points') {
  const top = method === 'share' ? 100 : 10
  const values = points.filter((p) => p.sufficient && p.index !== null).flatMap((p) => (p.ci95 ? [p.ci95[0], p.ci95[1]] : [p.index!]))
  if (!values.length) return { min: 0, max: top }
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  const pad = Math.max((hi - lo) * 0.15, top / 50)
  const step = method === 'share' ? 5 : 0.5
  return { min: Math.max(0, Math.floor((lo - pad) / step) * step), max: Math.min(top, Math.ceil((hi + pad) / step) * step) }
}
