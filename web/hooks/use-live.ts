import { useEffect, useRef, useState } from 'preact/hooks'

export type LiveEventType = 'ratings' | 'alert' | 'alert-updated'

/**
 * The server's event stream (/api/v1/live/stream): `version` goes up on every event of the given types,
 * so a page refetches what it shows. EventSource reconnects by itself; `connected` says whether it is.
 */
export function useLive(types: LiveEventType[]) {
  const [version, setVersion] = useState(0)
  const [connected, setConnected] = useState(false)
  const [lastAlertId, setLastAlertId] = useState<number | null>(null)
  const wanted = useRef(types)
  wanted.current = types
  useEffect(() => {
    const source = new EventSource('/api/v1/live/stream')
    const bump = (type: LiveEventType) => (e: MessageEvent) => {
      if (!wanted.current.includes(type)) return
      if (type === 'alert') {
        try {
          setLastAlertId((JSON.parse(e.data) as { alertId?: number }).alertId ?? null)
        } catch {
          /* an event without a body still means "look again" */
        }
      }
      setVersion((v) => v + 1)
    }
    const handlers = (['ratings', 'alert', 'alert-updated'] as const).map((t) => [t, bump(t)] as const)
    for (const [t, h] of handlers) source.addEventListener(t, h as EventListener)
    source.addEventListener('ready', () => setConnected(true))
    source.onerror = () => setConnected(false)
    return () => source.close()
  }, [])
  return { version, connected, lastAlertId }
}
