import { useState } from 'preact/hooks'
import type { ClientResponse } from 'hono/client'
import { useApp } from './use-auth.ts'
import { api, ApiError } from '../lib/api.ts'
import { reasonOf } from '../lib/reason.ts'
import { clientWith, unwrap, type Client } from '../lib/client.ts'

/** The server's refusal in the current language: its reason, and one reason per field it names. */
export interface ActionError {
  message: string
  fields: Record<string, string>
}

/**
 * A state-changing request from a staff page: sends the CSRF token, and keeps the server's reason and
 * field-level details (in the current language) to show beside the form.
 */
export function useAction() {
  const { auth, lang, tr } = useApp()
  const [error, setError] = useState<ActionError | null>(null)
  const [busy, setBusy] = useState(false)
  const attempt = async <T>(request: () => Promise<T>): Promise<T | null> => {
    setBusy(true)
    setError(null)
    try {
      return await request()
    } catch (e) {
      const b = e instanceof ApiError ? e.body : null
      setError({
        message: tr(reasonOf(e)),
        fields: Object.fromEntries((b?.error.details ?? []).map((d) => [d.field, d.message[lang]])),
      })
      return null
    } finally {
      setBusy(false)
    }
  }
  const run = <T>(method: string, path: string, body?: unknown | FormData): Promise<T | null> => {
    const init = body instanceof FormData ? { body } : body === undefined ? {} : { json: body }
    return attempt(() => api<T>(path, { method, csrf: auth?.csrfToken, ...init }))
  }
  /**
   * The typed way: `call((c) => c.api.v1.admin.users.$post({ json }))` checks the body against the route and
   * resolves to its typed answer, or null after a refusal (then `error` holds the reasons).
   */
  const call = <R extends ClientResponse<unknown, number, any>>(request: (c: Client) => Promise<R>) => attempt(() => unwrap(request(clientWith(auth?.csrfToken))))
  return { run, call, error, busy, clear: () => setError(null) }
}
