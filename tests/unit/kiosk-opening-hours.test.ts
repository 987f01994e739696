import { describe, expect, it } from 'vitest'
import { fleetStatus, isOpen } from '../../server/kiosks/opening-hours.ts'

describe('opening hours (Mon–Sat 07:00–17:30, Hà Nội time)', () => {
  it('reads the local wall clock, not UTC', () => {
    expect(isOpen(new Date('2026-05-12T00:00:00Z'))).toBe(true) // Tue 07:00 local
    expect(isOpen(new Date('2026-05-11T23:59:00Z'))).toBe(false) // Tue 06:59 local, still Monday in UTC
    expect(isOpen(new Date('2026-05-12T10:29:00Z'))).toBe(true) // 17:29
    expect(isOpen(new Date('2026-05-12T10:30:00Z'))).toBe(false) // 17:30, closed
  })
  it('is open on Saturday and closed on Sunday', () => {
    expect(isOpen(new Date('2026-05-16T03:00:00Z'))).toBe(true)
    expect(isOpen(new Date('2026-05-17T03:00:00Z'))).toBe(false)
  })
  it('takes other hours', () => {
    expect(isOpen(new Date('2026-05-12T03:00:00Z'), { days: [1, 2, 3, 4, 5], open: '13:00', close: '17:00', timeZone: 'Asia/Ho_Chi_Minh' })).toBe(false)
  })
  it('calls a kiosk silent only when it was unheard of for over 10 minutes while open', () => {
    const k = { paired_at: '2026-05-12T01:00:00.000Z', revoked_at: null, last_seen_at: '2026-05-12T02:00:00.000Z' }
    expect(fleetStatus(k, new Date('2026-05-12T02:10:00.000Z'))).toBe('ok')
    expect(fleetStatus(k, new Date('2026-05-12T02:10:01.000Z'))).toBe('silent')
    expect(fleetStatus(k, new Date('2026-05-17T02:10:01.000Z'))).toBe('ok')
    expect(fleetStatus({ ...k, revoked_at: '2026-05-12T02:05:00.000Z' }, new Date('2026-05-12T03:00:00.000Z'))).toBe('revoked')
    expect(fleetStatus({ paired_at: null, revoked_at: null, last_seen_at: null }, new Date('2026-05-12T03:00:00.000Z'))).toBe('unpaired')
  })
})
