import type { ApiError } from '../lib/api.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { useApp } from '../hooks/use-auth.ts'
import { strings } from '../lib/strings.ts'

/**
 * Why a request failed, in words: the server's reason, or else what the browser saw (no answer at all,
 * or an answer without one), never a bare status code.
 */
export function reasonOf(error: ApiError): LocalizedText {
  if (error.body) return error.body.error.message
  return error.status === 0 ? strings.cannotReach : strings.serverFailed(error.status)
}

/** Why a page's data did not load (useGet's `error`), in the current language. */
export function LoadError({ error, class: className = 'form-error' }: { error: ApiError; class?: string }) {
  const { tr } = useApp()
  return (
    <p class={className} role="alert">
      {tr(reasonOf(error))}
    </p>
  )
}
