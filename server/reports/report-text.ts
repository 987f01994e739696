import type { Report, UnitReport } from '../domain/report-types.ts'

// The Ministry-wide report is megabytes of JSON, and after one rating nearly all of its thousands of units
// are what they were a moment before. Writing the whole text again, and encoding it again for the
// socket, costs more than computing the report; so each unit's bytes are kept, and a unit whose every
// value is the same as last time (the same objects for its figures and rate, an equal `excluded`, the
// keys in the same order) is not written again. Kept by the unit's `criteria`: its index result's own
// object, made for that result alone and the same object while the agency's cells do not move.
const unitBytes = new WeakMap<object, { unit: UnitReport; bytes: Buffer }>()

const noneExcluded = (e: Record<string, number>) => Object.keys(e).length === 0

function sameUnit(a: UnitReport, b: UnitReport) {
  const keys = Object.keys(b) as Array<keyof UnitReport>
  const before = Object.keys(a)
  if (keys.length !== before.length) return false
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!
    if (before[i] !== k) return false
    if (a[k] !== b[k] && !(k === 'excluded' && noneExcluded(a.excluded) && noneExcluded(b.excluded))) return false
  }
  return true
}

function bytesOf(u: UnitReport) {
  const kept = unitBytes.get(u.criteria)
  if (kept && sameUnit(kept.unit, u)) return kept.bytes
  // An array element's JSON is the element's own JSON.stringify: the same bytes as within the whole.
  const bytes = Buffer.from(JSON.stringify(u))
  if (Object.isFrozen(u.criteria)) unitBytes.set(u.criteria, { unit: u, bytes })
  return bytes
}

const COMMA = Buffer.from(',')

/** `JSON.stringify(report)` as UTF-8, the same bytes, put together from the kept bytes of unchanged units. */
export function reportBytes(report: Report): Uint8Array<ArrayBuffer> {
  const parts: Buffer[] = []
  let first = true
  for (const [key, value] of Object.entries(report)) {
    if (value === undefined) continue
    parts.push(Buffer.from(`${first ? '{' : ','}${JSON.stringify(key)}:`))
    first = false
    if (key !== 'units') {
      parts.push(Buffer.from(JSON.stringify(value)))
      continue
    }
    parts.push(Buffer.from('['))
    ;(value as UnitReport[]).forEach((u, i) => {
      if (i) parts.push(COMMA)
      parts.push(bytesOf(u))
    })
    parts.push(Buffer.from(']'))
  }
  parts.push(Buffer.from(first ? '{}' : '}'))
  return Buffer.concat(parts)
}
