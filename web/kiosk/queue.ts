import type { Answers } from '../../server/domain/answers.ts'

/** A response frozen at the tap: its id, survey version and time never change, however late it is sent. */
export interface QueuedResponse {
  submissionId: string
  survey: string
  answers: Answers
  givenAt: string
}

/** Where the queue lives: IndexedDB on the tablet, memory in unit tests. Ordered oldest first. */
export interface QueueStore {
  add(item: QueuedResponse): Promise<void>
  oldest(limit: number): Promise<QueuedResponse[]>
  remove(ids: string[]): Promise<void>
  count(): Promise<number>
  /** Moves items the server definitively refused (invalid, conflict) aside, kept for inspection, not resent. */
  reject(items: Array<QueuedResponse & { reason: string }>): Promise<void>
}

/** A second submission within the interval (a double tap, a child playing) is not queued at all. */
export function isRepeat(lastAt: number | null, now: number, intervalMs: number): boolean {
  return lastAt !== null && now >= lastAt && now - lastAt < intervalMs
}

/** Freezes a response at the tap. Falls back to getRandomValues where randomUUID is missing (plain-HTTP LAN). */
export function freeze(survey: string, answers: Answers, now: Date): QueuedResponse {
  return { submissionId: uuid(), survey, answers, givenAt: now.toISOString() }
}

function uuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID()
  const b = crypto.getRandomValues(new Uint8Array(16))
  b[6] = (b[6]! & 0x0f) | 0x40
  b[8] = (b[8]! & 0x3f) | 0x80
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('')
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

export function memoryStore(): QueueStore & { items: QueuedResponse[]; rejected: Array<QueuedResponse & { reason: string }> } {
  const items: QueuedResponse[] = []
  const rejected: Array<QueuedResponse & { reason: string }> = []
  return {
    items,
    rejected,
    async add(item) {
      if (!items.some((i) => i.submissionId === item.submissionId)) items.push(structuredClone(item))
    },
    async oldest(limit) {
      return structuredClone(items.slice(0, limit))
    },
    async remove(ids) {
      for (const id of ids) {
        const at = items.findIndex((i) => i.submissionId === id)
        if (at >= 0) items.splice(at, 1)
      }
    },
    async count() {
      return items.length
    },
    async reject(list) {
      rejected.push(...list)
      await this.remove(list.map((i) => i.submissionId))
    },
  }
}
