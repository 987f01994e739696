import { useLocation } from 'preact-iso'

/** Page filters live in the URL, so a view can be bookmarked and shared. */
export function useQueryState(defaults: Record<string, string>): [Record<string, string>, (patch: Record<string, string>) => void] {
  const { path, query, route } = useLocation()
  const values = { ...defaults, ...Object.fromEntries(Object.entries(query).filter(([, v]) => v !== '')) }
  const set = (patch: Record<string, string>) => {
    const next = new URLSearchParams(Object.entries({ ...values, ...patch }).filter(([k, v]) => v !== '' && v !== defaults[k]))
    route(`${path}${next.size ? `?${next}` : ''}`, true)
  }
  return [values, set]
}
