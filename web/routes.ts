import type { AnyComponent } from 'preact'
import { lazy } from 'preact-iso'
import { staffOnly } from './components/require-auth.tsx'

/** The staff app's one route table; heavy pages load only when opened, and staff pages need a session. */
// Route components receive their path parameters as props, each its own shape.

/** A page of the table: loaded when first opened (or preloaded), behind the sign-in unless public. */
function page(load: () => Promise<AnyComponent<any>>, o: { public?: boolean } = {}) {
  const loaded = lazy(load)
  return { component: o.public ? loaded : staffOnly(loaded), preload: loaded.preload }
}

export const routes: Array<{ path: string; component: AnyComponent<any>; preload(): Promise<unknown> }> = [
  { path: '/', ...page(() => import('./pages/home.tsx').then((m) => m.HomePage), { public: true }) },
  { path: '/login', ...page(() => import('./pages/login.tsx').then((m) => m.LoginPage), { public: true }) },
  { path: '/dashboard', ...page(() => import('./pages/dashboard.tsx').then((m) => m.DashboardPage)) },
  { path: '/live', ...page(() => import('./pages/live.tsx').then((m) => m.LivePage)) },
  { path: '/alerts/rules', ...page(() => import('./pages/alert-rules.tsx').then((m) => m.AlertRulesPage)) },
  { path: '/alerts/:id', ...page(() => import('./pages/alert.tsx').then((m) => m.AlertPage)) },
  { path: '/agencies/:code', ...page(() => import('./pages/agency.tsx').then((m) => m.AgencyPage)) },
  { path: '/comments', ...page(() => import('./pages/comments.tsx').then((m) => m.CommentsPage)) },
  { path: '/account', ...page(() => import('./pages/account.tsx').then((m) => m.AccountPage)) },
  { path: '/admin/agencies', ...page(() => import('./pages/admin-agencies.tsx').then((m) => m.AdminAgenciesPage)) },
  { path: '/admin/surveys', ...page(() => import('./pages/admin-surveys.tsx').then((m) => m.AdminSurveysPage)) },
  // The builder carries the schema library and its editors: loaded only when a draft is opened.
  { path: '/admin/surveys/:id/edit', ...page(() => import('./pages/survey-builder.tsx').then((m) => m.SurveyBuilderPage)) },
  { path: '/admin/users', ...page(() => import('./pages/admin-users.tsx').then((m) => m.AdminUsersPage)) },
  { path: '/admin/import', ...page(() => import('./pages/admin-import.tsx').then((m) => m.AdminImportPage)) },
  { path: '/admin/kiosks', ...page(() => import('./pages/admin-kiosks.tsx').then((m) => m.AdminKiosksPage)) },
  { path: '/admin/api-keys', ...page(() => import('./pages/admin-api-keys.tsx').then((m) => m.AdminApiKeysPage)) },
  { path: '/admin/languages', ...page(() => import('./pages/admin-languages.tsx').then((m) => m.AdminLanguagesPage)) },
  { path: '/admin/privacy', ...page(() => import('./pages/admin-privacy.tsx').then((m) => m.AdminPrivacyPage)) },
  { path: '/admin/audit', ...page(() => import('./pages/admin-audit.tsx').then((m) => m.AdminAuditPage)) },
  { path: '/one-stop/:period', ...page(() => import('./pages/one-stop.tsx').then((m) => m.OneStopPage)) },
  { path: '/admin/moderation', ...page(() => import('./pages/moderation.tsx').then((m) => m.ModerationPage)) },
  // The public results page: no sign-in, only published quarters.
  { path: '/cong-khai', ...page(() => import('./pages/public-results.tsx').then((m) => m.PublicResultsPage), { public: true }) },
  { path: '/cong-khai/:survey/:period', ...page(() => import('./pages/public-results.tsx').then((m) => m.PublicResultsPage), { public: true }) },
  { path: '/print/:survey/:period', ...page(() => import('./pages/print.tsx').then((m) => m.PrintPage)) },
  { path: '/desks/:id/poster', ...page(() => import('./pages/desk-poster.tsx').then((m) => m.DeskPosterPage)) },
]

const matches = (pattern: string, path: string) => {
  const want = pattern.split('/')
  const got = path.replace(/\/+$/, '').split('/')
  return (got.length === want.length || (path === '/' && pattern === '/')) && want.every((w, i) => w.startsWith(':') || w === got[i])
}

/**
 * Starts loading the page at `path` at once, beside the session check it would otherwise wait for: the
 * page's own requests then start as soon as the session is known.
 */
export function preloadRoute(path: string) {
  routes
    .find((r) => matches(r.path, path))
    ?.preload()
    .catch(() => {}) // a failed preload is retried when the page is opened
}
