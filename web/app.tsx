import { useEffect, useMemo, useState } from 'preact/hooks'
import { ErrorBoundary, LocationProvider, Route, Router } from 'preact-iso'
import type { LocalizedText } from '../server/domain/text.ts'
import { Layout } from './components/layout.tsx'
import { AppContext, type SignedIn } from './hooks/use-auth.ts'
import { useLang } from './hooks/use-lang.ts'
import { api } from './lib/api.ts'
import { t } from './lib/i18n.ts'
import { NotFoundPage } from './pages/not-found.tsx'
import { preloadRoute, routes } from './routes.ts'

export function App() {
  const [lang, setLang] = useLang()
  const [auth, setAuth] = useState<SignedIn | null | undefined>(undefined)
  useEffect(() => {
    preloadRoute(location.pathname)
    api<SignedIn>('/api/v1/auth/me')
      .then(setAuth)
      .catch(() => setAuth(null))
  }, [])
  const state = useMemo(() => ({ auth: auth ?? null, setAuth, lang, setLang, tr: (text: LocalizedText | undefined) => t(text, lang) }), [auth, lang])
  if (auth === undefined) return null
  return (
    <AppContext.Provider value={state}>
      <LocationProvider>
        <ErrorBoundary>
          <Layout>
            <Router>
              {routes.map((r) => (
                <Route key={r.path} path={r.path} component={r.component} />
              ))}
              <Route default component={NotFoundPage} />
            </Router>
          </Layout>
        </ErrorBoundary>
      </LocationProvider>
    </AppContext.Provider>
  )
}
