import { useCallback, useEffect, useState } from 'preact/hooks'
import { api, ApiError } from '../lib/api.ts'
import { unwrap, type Readable, type Req, type Res } from '../lib/client.ts'

/** Requests already sent by `startEarly`, by path: the first page asking for that path takes the answer. */
const early = new Map<string, Promise<unknown>>()

/** Loads `load()` for a page whenever `key` changes (null: nothing yet); `reload` after a change. */
function useLoad<T>(key: string | null, load: () => Promise<T>) {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !!key })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!key) return
    let live = true
    setState((s) => ({ ...s, loading: true }))
    const sent = early.get(key) as Promise<T> | undefined
    early.delete(key)
    ;(sent ?? load())
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error) => live && setState({ data: null, error: error instanceof ApiError ? error : new ApiError(0, null), loading: false }))
    return () => {
      live = false
    }
  }, [key, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}

/** GETs JSON for a page; refetches when the path changes; `reload` after a change. */
export function useFetch<T>(path: string | null) {
  return useLoad<T>(path, () => api<T>(path!))
}

/**
 * GETs through the typed client, so the data has the route's own type:
 * `useGet(client.api.v1.admin.users)`, `useGet(client.api.v1.admin.audit, { query })`, `useGet(open ? … : null)`.
 * Refetches when the path (with its query) changes.
 */
export function useGet<F extends (...args: any[]) => Promise<any>>(endpoint: Readable<F> | null, args?: Req<F>) {
  return useLoad<Res<F>>(endpoint ? endpoint.$path(args) : null, () => unwrap(endpoint!.$get(args)) as Promise<Res<F>>)
}

/**
 * Sends a GET before the component that needs it exists (the dashboard's ranking while its meta is still
 * on the way), so the two wait side by side; `useGet` with the same path then takes that answer.
 */
export function startEarly<F extends (...args: any[]) => Promise<any>>(endpoint: Readable<F>, args?: Req<F>) {
  const key = endpoint.$path(args)
  if (early.has(key)) return
  const sent = unwrap(endpoint.$get(args))
  // Not taken (the guess was another period) or failed: forgotten, never served later as fresh.
  sent.catch(() => {})
  early.set(key, sent)
  setTimeout(() => early.get(key) === sent && early.delete(key), EARLY_MS)
}

/** How long an early answer waits to be taken: enough for the page to render, too short to go stale. */
const EARLY_MS = 5_000
