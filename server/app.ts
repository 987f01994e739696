import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import type { Database } from './db/schema.ts'
import type { DatabaseKind } from './db/database.ts'
import { deskLinkResolver } from './desks/credential.ts'
import type { Clock } from './lib/clock.ts'
import { notFound, onError } from './middleware/errors/index.ts'
import { requestId } from './middleware/request-id/index.ts'
import { securityHeaders } from './middleware/security-headers/index.ts'
import { authRoutes } from './routes/auth.ts'
import { healthRoutes } from './routes/health.ts'
import { linkRoutes } from './routes/links.ts'
import { reportRoutes } from './routes/reports.ts'
import { responseRoutes } from './routes/responses.ts'
import { surveyRoutes } from './routes/surveys.ts'
import { webRoutes } from './routes/web.ts'
import { SurveyCatalog } from './surveys/catalog.ts'

export interface AppDeps {
  db: Kysely<Database>
  databaseKind: DatabaseKind
  clock: Clock
  /** The zone that decides quarters (HAILONG_TZ). */
  timeZone: string
  minSample: number
  catalog: SurveyCatalog
  /** The built web app (dist/web); absent in API-only tests. */
  webRoot?: string
  /** Behind a load balancer: take the client address and scheme from X-Forwarded-For / -Proto. */
  trustProxy: boolean
}

export type AppOptions = Omit<AppDeps, 'catalog' | 'trustProxy'> & { catalog?: SurveyCatalog; trustProxy?: boolean }

export function createApp(options: AppOptions) {
  const deps: AppDeps = { ...options, trustProxy: options.trustProxy ?? false, catalog: options.catalog ?? new SurveyCatalog(options.db) }
  const app = new Hono()
  app.use(requestId())
  app.use(securityHeaders())
  app.onError(onError)
  app.notFound(notFound)
  app.route('/healthz', healthRoutes(deps))
  app.route('/api/v1/responses', responseRoutes(deps, { desk: deskLinkResolver(deps.db) }))
  app.route('/api/v1/surveys', surveyRoutes(deps))
  app.route('/api/v1/links', linkRoutes(deps))
  app.route('/api/v1/auth', authRoutes(deps))
  app.route('/api/v1/reports', reportRoutes(deps))
  if (deps.webRoot) app.route('/', webRoutes(deps.webRoot))
  return app
}
export type App = ReturnType<typeof createApp>
