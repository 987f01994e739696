/** What the staff app is told as it happens; each listener filters by the agencies its user may see. */
export interface LiveEvent {
  type: 'ratings' | 'alert' | 'alert-updated'
  agencyIds: number[]
  alertId?: number
}

/**
 * In-process fan-out to the open event streams of this node. Alerts raised by another node reach a
 * stream through its own check of the alerts table (routes/live.ts), so nothing depends on this alone.
 */
export class LiveHub {
  private listeners = new Set<(e: LiveEvent) => void>()

  subscribe(fn: (e: LiveEvent) => void): () => void {
    this.listeners.add(fn)
    return () => this.listeners.delete(fn)
  }

  publish(e: LiveEvent) {
    for (const fn of this.listeners) {
      try {
        fn(e)
      } catch {
        /* a closed stream must not stop the others */
      }
    }
  }

  get size() {
    return this.listeners.size
  }
}
