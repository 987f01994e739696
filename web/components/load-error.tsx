import type { ApiError } from '../lib/api.ts'
import { useApp } from '../hooks/use-auth.ts'
import { reasonOf } from '../lib/reason.ts'

/** Why a page's data did not load (useGet's `error`), in the current language. */
export function LoadError({ error, class: className = 'form-error' }: { error: ApiError; class?: string }) {
  const { tr } = useApp()
  return (
    <p class={className} role="alert">
      {tr(reasonOf(error))}
    </p>
  )
}

/**
 * A page opened by its address that could not load what it is for (no right to it, most often): its
 * title and the refusal in words, instead of a form that cannot work.
 */
export function RefusedPage({ title, error }: { title: string; error: ApiError }) {
  return (
    <>
      <h1>{title}</h1>
      <LoadError error={error} />
    </>
  )
}
