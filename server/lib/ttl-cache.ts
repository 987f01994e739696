/**
 * A small in-process cache whose entries live a few seconds of real time. Used for credential lookups
 * on the intake hot path; a change on this node clears the entry at once, other nodes see it when the
 * entry expires.
 */
export class TtlCache<V> {
  private entries = new Map<string, { value: V; until: number }>()

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key)
    if (!hit) return undefined
    if (hit.until < performance.now()) {
      this.entries.delete(key)
      return undefined
    }
    return hit.value
  }

  set(key: string, value: V): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear()
    this.entries.set(key, { value, until: performance.now() + this.ttlMs })
  }

  clear(): void {
    this.entries.clear()
  }
}
