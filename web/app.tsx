import { ErrorBoundary, LocationProvider, Route, Router } from 'preact-iso'
import { routes } from './routes.ts'
import { NotFoundPage } from './pages/not-found.tsx'

export function App() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Router>
          {routes.map((r) => (
            <Route key={r.path} path={r.path} component={r.component} />
          ))}
          <Route default component={NotFoundPage} />
        </Router>
      </ErrorBoundary>
    </LocationProvider>
  )
}
