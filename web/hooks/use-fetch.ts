import { useCallback, useEffect, useState } from 'preact/hooks'
import { api, ApiError } from '../lib/api.ts'

/** GETs JSON for a page; refetches when the path changes; `reload` after a change. */
export function useFetch<T>(path: string | null) {
  const [state, setState] = useState<{ data: T | null; error: ApiError | null; loading: boolean }>({ data: null, error: null, loading: !!path })
  const [tick, setTick] = useState(0)
  useEffect(() => {
    if (!path) return
    let live = true
    setState((s) => ({ ...s, loading: true }))
    api<T>(path)
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((error) => live && setState({ data: null, error: error instanceof ApiError ? error : new ApiError(0, null), loading: false }))
    return () => {
      live = false
    }
  }, [path, tick])
  const reload = useCallback(() => setTick((n) => n + 1), [])
  return { ...state, reload }
}
