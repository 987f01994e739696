import { describe, expect, it } from 'vitest'
import { backoffDelay, createDrainer, type Lock } from '../../web/kiosk/drainer.ts'
import { freeze, isRepeat, memoryStore, type QueuedResponse } from '../../web/kiosk/queue.ts'

/** A stand-in for POST /api/v1/responses/batch: stores each submission id once, like the real intake. */
function fakeServer() {
  const stored = new Map<string, QueuedResponse>()
  let plan: Array<'down' | 'error' | 'lose-reply' | 'ok' | 'unauthorized'> = []
  let inFlight = 0
  let maxInFlight = 0
  const fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await new Promise((r) => setTimeout(r, 5))
    inFlight--
    const step = plan.shift() ?? 'ok'
    if (step === 'down') throw new TypeError('Failed to fetch')
    if (step === 'error') return new Response('{}', { status: 503 })
    if (step === 'unauthorized') return new Response('{}', { status: 401 })
    const items = (JSON.parse(String(init!.body)) as { items: QueuedResponse[] }).items
    const results = items.map((item, index) => {
      if (item.answers.overall === 0) return { index, submissionId: item.submissionId, status: 'invalid', error: { code: 'validation_failed' } }
      const known = stored.has(item.submissionId)
      stored.set(item.submissionId, item)
      return { index, submissionId: item.submissionId, status: known ? 'duplicate' : 'created' }
    })
    if (step === 'lose-reply') throw new TypeError('network connection lost')
    return Response.json({ results })
  }
  return {
    stored,
    fetch,
    maxInFlight: () => maxInFlight,
    plan: (...steps: typeof plan) => (plan = steps),
  }
}

const rating = (overall: number, at = '2026-05-12T02:00:00.000Z') => freeze('mot-cua@1', { overall }, new Date(at))

function setup(server = fakeServer(), store = memoryStore(), lock?: Lock) {
  const delays: number[] = []
  const drainer = createDrainer({ store, fetch: server.fetch, token: () => 'kiosk_secret', lock, sleep: async (ms) => void delays.push(ms), batchSize: 3 })
  return { server, store, drainer, delays }
}

describe('kiosk offline queue', () => {
  it('freezes a response at the tap with a fresh UUID, its survey and the local time', () => {
    const a = rating(5, '2026-05-12T02:03:04.000Z')
    expect(a).toMatchObject({ survey: 'mot-cua@1', answers: { overall: 5 }, givenAt: '2026-05-12T02:03:04.000Z' })
    expect(a.submissionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(rating(5).submissionId).not.toBe(a.submissionId)
  })

  it('drops a second submission inside the repeat interval', () => {
    expect(isRepeat(null, 1000, 5000)).toBe(false)
    expect(isRepeat(1000, 5999, 5000)).toBe(true)
    expect(isRepeat(1000, 6000, 5000)).toBe(false)
    // A clock set back (tablet time corrected) does not block ratings for good.
    expect(isRepeat(9000, 1000, 5000)).toBe(false)
  })
})

describe('kiosk drainer', () => {
  it('keeps every item through failures, retrying with growing delays, and sends them once', async () => {
    const { server, store, drainer, delays } = setup()
    for (let i = 0; i < 5; i++) await store.add(rating(4))
    server.plan('down', 'error', 'down', 'ok', 'ok')
    const ids = store.items.map((i) => i.submissionId)
    await drainer.drain()
    expect(delays).toEqual([2000, 4000, 8000])
    expect(store.items).toEqual([])
    expect([...server.stored.keys()].sort()).toEqual([...ids].sort())
  })

  it('never deletes an item before the server confirms it; a lost reply is resent and counted once (duplicate)', async () => {
    const { server, store, drainer } = setup()
    await store.add(rating(2))
    await store.add(rating(5))
    let removedEarly = false
    const remove = store.remove.bind(store)
    store.remove = async (ids) => {
      if (ids.some((id) => !server.stored.has(id))) removedEarly = true
      await remove(ids)
    }
    server.plan('lose-reply', 'ok')
    await drainer.drain()
    expect(removedEarly).toBe(false)
    expect(server.stored.size).toBe(2)
    expect(store.items).toEqual([])
  })

  it('stops on an item the server refuses for good: moved aside, not resent, the others confirmed', async () => {
    const { server, store, drainer } = setup()
    await store.add(rating(0))
    await store.add(rating(3))
    await drainer.drain()
    expect(store.items).toEqual([])
    expect(store.rejected.map((r) => [r.answers.overall, r.reason])).toEqual([[0, 'validation_failed']])
    expect(server.stored.size).toBe(1)
  })

  it('keeps the queue when the server no longer knows the tablet (401) and reports it unpaired', async () => {
    const server = fakeServer()
    const store = memoryStore()
    let unpaired = false
    const drainer = createDrainer({ store, fetch: server.fetch, token: () => 'kiosk_x', sleep: async () => {}, onUnpaired: () => (unpaired = true) })
    await store.add(rating(4))
    server.plan('unauthorized')
    await drainer.drain()
    expect(unpaired).toBe(true)
    expect(store.items).toHaveLength(1)
  })

  it('runs a single drain at a time, in one tab and across tabs sharing the lock', async () => {
    const server = fakeServer()
    const store = memoryStore()
    let held = false
    const lock: Lock = async (fn) => {
      if (held) return false
      held = true
      try {
        await fn()
      } finally {
        held = false
      }
      return true
    }
    for (let i = 0; i < 10; i++) await store.add(rating(5))
    const sent: string[] = []
    const spy = async (url: RequestInfo | URL, init?: RequestInit) => {
      sent.push(...(JSON.parse(String(init!.body)) as { items: QueuedResponse[] }).items.map((i) => i.submissionId))
      return server.fetch(url, init)
    }
    // Two tabs of the same kiosk, each with its own drainer over the same IndexedDB queue.
    const a = createDrainer({ store, fetch: spy, token: () => 'k', lock, sleep: async () => {}, batchSize: 3 })
    const b = createDrainer({ store, fetch: spy, token: () => 'k', lock, sleep: async () => {}, batchSize: 3 })
    await Promise.all([a.drain(), a.drain(), b.drain(), b.drain()])
    expect(server.maxInFlight()).toBe(1)
    expect(new Set(sent).size).toBe(sent.length)
    expect(server.stored.size).toBe(10)
    expect(store.items).toEqual([])
  })

  it('backs off exponentially up to a minute', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((a) => backoffDelay(a))).toEqual([2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000])
  })
})
