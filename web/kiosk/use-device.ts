import { useEffect, useMemo, useState } from 'preact/hooks'
import type { Answers } from '../../server/domain/answers.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { deviceApi, Refused, stored, type KioskConfig } from './device.ts'
import { createDrainer, webLock } from './drainer.ts'
import { idbStore } from './idb-store.ts'
import { freeze, isRepeat } from './queue.ts'

export type DeviceState = { name: 'loading' } | { name: 'unpaired'; reason: LocalizedText | null } | { name: 'ready'; config: KioskConfig }

const HEARTBEAT_MS = 60_000

/**
 * The tablet's side of the kiosk: pairing from `#pair=…`, the configuration (cached for offline starts),
 * the offline queue with its single drainer, and the heartbeat that reports the queue and picks up a
 * changed survey assignment.
 */
export function useDevice() {
  const [state, setState] = useState<DeviceState>({ name: 'loading' })
  const [unsent, setUnsent] = useState(0)
  const store = useMemo(idbStore, [])
  const drainer = useMemo(
    () =>
      createDrainer({
        store,
        fetch: (input, init) => fetch(input, init),
        token: stored.secret,
        lock: webLock(),
        onCount: setUnsent,
        onUnpaired: () => setState({ name: 'unpaired', reason: null }),
      }),
    [store],
  )

  const refused = (e: unknown) => {
    if (!(e instanceof Refused) || (e.status !== 401 && e.status !== 403)) return false
    setState({ name: 'unpaired', reason: e.text })
    return true
  }
  const loadConfig = async () => {
    try {
      const config = await deviceApi.config()
      stored.setConfig(config)
      setState({ name: 'ready', config })
    } catch (e) {
      // Offline: keep the cached configuration (already shown) and try again at the next heartbeat.
      if (!refused(e) && !stored.config()) setState({ name: 'unpaired', reason: null })
    }
  }

  useEffect(() => {
    const beat = async () => {
      if (!stored.secret()) return
      try {
        const { configHash } = await deviceApi.heartbeat(await store.count())
        if (configHash !== stored.config()?.configHash) await loadConfig()
      } catch (e) {
        refused(e)
      }
      void drainer.drain()
    }
    const start = async () => {
      const code = /[#&]pair=([A-Za-z0-9_-]+)/.exec(location.hash)?.[1]
      if (code) {
        // The code leaves the address bar at once: it must not be bookmarked or reused.
        history.replaceState(null, '', location.pathname)
        try {
          stored.setSecret((await deviceApi.pair(code)).secret)
          stored.clearConfig()
        } catch (e) {
          // A tablet already paired (the same link opened twice) simply carries on.
          if (!stored.secret()) return setState({ name: 'unpaired', reason: e instanceof Refused ? e.text : null })
        }
      }
      if (!stored.secret()) return setState({ name: 'unpaired', reason: null })
      const cached = stored.config()
      if (cached) setState({ name: 'ready', config: cached })
      await loadConfig()
      // Seen at once after a restart, not a minute later; the beat also starts the drainer.
      await beat()
    }
    void start()
    // A pairing link opened while the kiosk page is already showing only changes the fragment.
    const paired = () => void (location.hash.includes('pair=') && start())
    addEventListener('hashchange', paired)
    // Asks the browser not to evict the queue under storage pressure.
    void navigator.storage?.persist?.()
    const timer = setInterval(beat, HEARTBEAT_MS)
    const online = () => void drainer.drain()
    addEventListener('online', online)
    return () => {
      clearInterval(timer)
      removeEventListener('online', online)
      removeEventListener('hashchange', paired)
      drainer.stop()
    }
  }, [])

  /** Freezes and queues a response; a second one inside the repeat interval is dropped. True when queued. */
  const submit = async (config: KioskConfig, answers: Answers): Promise<boolean> => {
    const now = Date.now()
    if (isRepeat(stored.lastAt(), now, config.settings.repeatIntervalMs)) return false
    stored.setLastAt(now)
    await store.add(freeze(config.survey, answers, new Date(now)))
    setUnsent(await store.count())
    void drainer.drain()
    return true
  }

  return { state, unsent, submit }
}
