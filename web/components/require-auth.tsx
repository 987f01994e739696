import type { AnyComponent, ComponentChildren } from 'preact'
import { useEffect } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { useApp } from '../hooks/use-auth.ts'

/** Staff pages: without a session, go to the sign-in page and come back afterwards. */
export function RequireAuth({ children }: { children: ComponentChildren }) {
  const { auth } = useApp()
  const { url, route } = useLocation()
  useEffect(() => {
    if (!auth) route(`/login?next=${encodeURIComponent(url)}`, true)
  }, [auth])
  return auth ? <>{children}</> : null
}

/** A staff page: the route table wraps every page but the public ones, so no page can forget the guard. */

export function staffOnly(Page: AnyComponent<any>): AnyComponent<any> {
  return (props) => (
    <RequireAuth>
      <Page {...props} />
    </RequireAuth>
  )
}
