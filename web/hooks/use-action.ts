import { useState } from 'preact/hooks'
import { useApp } from './use-auth.ts'
import { api, ApiError } from '../lib/api.ts'

/**
 * A state-changing request from a staff page: sends the CSRF token, and keeps the server's reason and
 * field-level details (in the current language) to show beside the form.
 */
export function useAction() {
  const { auth, lang } = useApp()
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const [busy, setBusy] = useState(false)
  const run = async <T>(method: string, path: string, body?: unknown | FormData): Promise<T | null> => {
    setBusy(true)
    setError(null)
    try {
      const init = body instanceof FormData ? { body } : body === undefined ? {} : { json: body }
      return await api<T>(path, { method, csrf: auth?.csrfToken, ...init })
    } catch (e) {
      const b = e instanceof ApiError ? e.body : null
      setError({
        message: b?.error.message[lang] ?? (lang === 'vi' ? 'Không kết nối được máy chủ' : 'Cannot reach the server'),
        fields: Object.fromEntries((b?.error.details ?? []).map((d) => [d.field, d.message[lang]])),
      })
      return null
    } finally {
      setBusy(false)
    }
  }
  return { run, error, busy, clear: () => setError(null) }
}
