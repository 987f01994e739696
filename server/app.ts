import { Hono } from 'hono'
import type { Kysely } from 'kysely'
import type { Database } from './db/schema.ts'
import type { DatabaseKind } from './db/database.ts'
import { deskLinkResolver } from './desks/credential.ts'
import { deskPosterRoutes } from './desks/poster-routes.ts'
import { receiptResolver } from './invitations/credential.ts'
import { KIOSK_CACHE_MS, kioskResolver } from './kiosks/credential.ts'
import { TtlCache } from './lib/ttl-cache.ts'
import type { Submitter } from './responses/service.ts'
import type { Clock } from './lib/clock.ts'
import { defaultBodyLimit } from './middleware/body-limit/index.ts'
import { originPolicy } from './middleware/csrf/index.ts'
import { notFound, onError } from './middleware/errors/index.ts'
import { requestId } from './middleware/request-id/index.ts'
import { securityHeaders } from './middleware/security-headers/index.ts'
import { apiKeyRoutes } from './routes/api-keys.ts'
import { adminAgencyRoutes } from './routes/admin-agencies.ts'
import { adminImportRoutes } from './routes/admin-imports.ts'
import { adminPrivacyRoutes } from './routes/admin-privacy.ts'
import { adminLanguageRoutes } from './routes/admin-languages.ts'
import { adminAudioClipRoutes, audioRoutes } from './routes/audio-clips.ts'
import { adminSurveyRoutes } from './routes/admin-surveys.ts'
import { adminUserRoutes } from './routes/admin-users.ts'
import { authRoutes } from './routes/auth.ts'
import { dashboardRoutes } from './routes/dashboard.ts'
import { healthRoutes } from './routes/health.ts'
import { invitationRoutes } from './routes/invitations.ts'
import { dossierRoutes } from './routes/dossiers.ts'
import { officerRoutes } from './routes/officers.ts'
import { kioskDeviceRoutes } from './routes/kiosk-device.ts'
import { kioskRoutes } from './routes/kiosks.ts'
import { linkRoutes } from './routes/links.ts'
import { openApiRoutes } from './routes/openapi.ts'
import { reportRoutes } from './routes/reports.ts'
import { responseRoutes } from './routes/responses.ts'
import { surveyRoutes } from './routes/surveys.ts'
import { webRoutes } from './routes/web.ts'
import { moderationRoutes } from './routes/moderation.ts'
import { periodRoutes } from './routes/periods.ts'
import { publicRoutes } from './routes/public.ts'
import { SurveyCatalog } from './surveys/catalog.ts'
import { GroupCommitter } from './responses/group-commit.ts'
import type { SqliteWriter } from './responses/sqlite-writer.ts'
import type { SqliteReader } from './db/sqlite-reader.ts'
import { AlertEngine } from './alerts/engine.ts'
import type { DeliveryConfig } from './alerts/delivery.ts'
import { alertRoutes } from './routes/alerts.ts'
import { liveRoutes } from './routes/live.ts'

export interface AppDeps {
  db: Kysely<Database>
  databaseKind: DatabaseKind
  clock: Clock
  /** The zone that decides quarters (HAILONG_TZ). */
  timeZone: string
  minSample: number
  catalog: SurveyCatalog
  /** Stores responses with group commit (see responses/group-commit.ts). */
  intake: GroupCommitter
  /** Recently looked-up kiosk credentials (see kiosks/credential.ts). */
  kioskCache: TtlCache<Submitter>
  /** The built web app (dist/web); absent in API-only tests. */
  webRoot?: string
  /** Behind a load balancer: take the client address and scheme from X-Forwarded-For / -Proto. */
  trustProxy: boolean
  /** HAILONG_PUBLIC_URL: the base of desk and receipt links; absent, the request's origin. */
  publicUrl?: string
  /** Alert rules, their scheduler and deliveries (see alerts/engine.ts); the server starts its scheduler. */
  alerts: AlertEngine
  /** HAILONG_DOSSIER_FORMATS: older provincial dossier-code formats accepted besides the national one. */
  dossierFormats?: string[]
  /** On a SQLite file: long read-only queries run in this reader thread (server/db/sqlite-reader.ts). */
  reader?: SqliteReader
}

export type AppOptions = Omit<AppDeps, 'catalog' | 'trustProxy' | 'intake' | 'kioskCache' | 'alerts'> & {
  /** On a SQLite file: intake's transactions run in this writer thread (server/responses/sqlite-writer.ts). */
  intakeWriter?: SqliteWriter
  catalog?: SurveyCatalog
  trustProxy?: boolean
  alerts?: AlertEngine
  /** E-mail and webhook delivery of alerts, when `alerts` is not given. */
  delivery?: DeliveryConfig
}

export function createApp(options: AppOptions) {
  const deps: AppDeps = {
    ...options,
    trustProxy: options.trustProxy ?? false,
    catalog: options.catalog ?? new SurveyCatalog(options.db),
    intake: new GroupCommitter(options.db, options.clock, options.timeZone, undefined, options.intakeWriter),
    kioskCache: new TtlCache<Submitter>(KIOSK_CACHE_MS),
    alerts:
      options.alerts ?? new AlertEngine({ db: options.db, clock: options.clock, timeZone: options.timeZone, delivery: { publicUrl: options.publicUrl, ...options.delivery } }),
  }
  // The one hook into intake: what each group committed goes to the alert rules, after the commit.
  deps.intake.onCommitted = (items, outcomes) => deps.alerts.afterCommit(items, outcomes)
  const app = new Hono()
  app.use(requestId())
  app.use(securityHeaders())
  app.use(originPolicy(deps.publicUrl))
  app.onError(onError)
  app.notFound(notFound)
  app.use('/api/*', defaultBodyLimit())
  // Chained, so the type of `api` (AppType) describes every route for hono's typed client.
  const api = app
    .route('/healthz', healthRoutes(deps))
    .route(
      '/api/v1/responses',
      responseRoutes(deps, { desk: deskLinkResolver(deps), kiosk: kioskResolver(deps.db, deps.catalog, deps.clock, deps.kioskCache), rcpt: receiptResolver(deps) }),
    )
    .route('/api/v1/surveys', surveyRoutes(deps))
    .route('/api/v1/links', linkRoutes(deps))
    .route('/api/v1/auth', authRoutes(deps))
    .route('/api/v1/reports', reportRoutes(deps))
    .route('/api/v1/api-keys', apiKeyRoutes(deps))
    .route('/api/v1/invitations', invitationRoutes(deps))
    .route('/api/v1/dossiers', dossierRoutes(deps))
    .route('/api/v1/officers', officerRoutes(deps))
    .route('/api/v1/desks', deskPosterRoutes(deps))
    .route('/api/v1/openapi.json', openApiRoutes(deps))
    .route('/api/v1/kiosks', kioskRoutes(deps))
    .route('/api/v1/kiosk', kioskDeviceRoutes(deps))
    .route('/api/v1/dashboard', dashboardRoutes(deps))
    .route('/api/v1/alerts', alertRoutes(deps))
    .route('/api/v1/live', liveRoutes(deps))
    .route('/api/v1/moderation', moderationRoutes(deps))
    .route('/api/v1/periods', periodRoutes(deps))
    .route('/api/v1/public', publicRoutes(deps))
    .route('/api/v1/admin', adminAgencyRoutes(deps))
    .route('/api/v1/admin', adminUserRoutes(deps))
    .route('/api/v1/admin/surveys', adminSurveyRoutes(deps))
    .route('/api/v1/admin/imports', adminImportRoutes(deps))
    .route('/api/v1/admin/privacy', adminPrivacyRoutes(deps))
    .route('/api/v1/admin/languages', adminLanguageRoutes(deps))
    .route('/api/v1/admin/audio-clips', adminAudioClipRoutes(deps))
    .route('/api/v1/audio', audioRoutes(deps))
  if (deps.webRoot) app.route('/', webRoutes(deps.webRoot))
  return api
}
export type App = ReturnType<typeof createApp>
/** The API as the staff app's typed client (`hc<AppType>` from hono/client) sees it. */
export type AppType = App
