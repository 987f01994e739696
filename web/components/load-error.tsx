import type { ApiError } from '../lib/api.ts'
import { useApp } from '../hooks/use-auth.ts'

/** Why a page's data did not load (useGet's `error`): the server's reason in the current language. */
export function LoadError({ error }: { error: ApiError }) {
  const { lang } = useApp()
  return (
    <p class="form-error" role="alert">
      {error.body?.error.message[lang] ?? error.message}
    </p>
  )
}
