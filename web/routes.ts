import type { AnyComponent } from 'preact'
import { lazy } from 'preact-iso'
import { staffOnly } from './components/require-auth.tsx'

/** The staff app's one route table; heavy pages load only when opened, and staff pages need a session. */
// Route components receive their path parameters as props, each its own shape.

export const routes: Array<{ path: string; component: AnyComponent<any> }> = [
  { path: '/', component: lazy(() => import('./pages/home.tsx').then((m) => m.HomePage)) },
  { path: '/login', component: lazy(() => import('./pages/login.tsx').then((m) => m.LoginPage)) },
  { path: '/dashboard', component: staffOnly(lazy(() => import('./pages/dashboard.tsx').then((m) => m.DashboardPage))) },
  { path: '/live', component: staffOnly(lazy(() => import('./pages/live.tsx').then((m) => m.LivePage))) },
  { path: '/alerts/rules', component: staffOnly(lazy(() => import('./pages/alert-rules.tsx').then((m) => m.AlertRulesPage))) },
  { path: '/alerts/:id', component: staffOnly(lazy(() => import('./pages/alert.tsx').then((m) => m.AlertPage))) },
  { path: '/agencies/:code', component: staffOnly(lazy(() => import('./pages/agency.tsx').then((m) => m.AgencyPage))) },
  { path: '/comments', component: staffOnly(lazy(() => import('./pages/comments.tsx').then((m) => m.CommentsPage))) },
  { path: '/account', component: staffOnly(lazy(() => import('./pages/account.tsx').then((m) => m.AccountPage))) },
  { path: '/admin/agencies', component: staffOnly(lazy(() => import('./pages/admin-agencies.tsx').then((m) => m.AdminAgenciesPage))) },
  { path: '/admin/surveys', component: staffOnly(lazy(() => import('./pages/admin-surveys.tsx').then((m) => m.AdminSurveysPage))) },
  // The builder carries the schema library and its editors: loaded only when a draft is opened.
  { path: '/admin/surveys/:id/edit', component: staffOnly(lazy(() => import('./pages/survey-builder.tsx').then((m) => m.SurveyBuilderPage))) },
  { path: '/admin/users', component: staffOnly(lazy(() => import('./pages/admin-users.tsx').then((m) => m.AdminUsersPage))) },
  { path: '/admin/import', component: staffOnly(lazy(() => import('./pages/admin-import.tsx').then((m) => m.AdminImportPage))) },
  { path: '/admin/kiosks', component: staffOnly(lazy(() => import('./pages/admin-kiosks.tsx').then((m) => m.AdminKiosksPage))) },
  { path: '/admin/api-keys', component: staffOnly(lazy(() => import('./pages/admin-api-keys.tsx').then((m) => m.AdminApiKeysPage))) },
  { path: '/admin/languages', component: staffOnly(lazy(() => import('./pages/admin-languages.tsx').then((m) => m.AdminLanguagesPage))) },
  { path: '/admin/privacy', component: staffOnly(lazy(() => import('./pages/admin-privacy.tsx').then((m) => m.AdminPrivacyPage))) },
  { path: '/admin/audit', component: staffOnly(lazy(() => import('./pages/admin-audit.tsx').then((m) => m.AdminAuditPage))) },
  { path: '/one-stop/:period', component: staffOnly(lazy(() => import('./pages/one-stop.tsx').then((m) => m.OneStopPage))) },
  { path: '/admin/moderation', component: staffOnly(lazy(() => import('./pages/moderation.tsx').then((m) => m.ModerationPage))) },
  // The public results page: no sign-in, only published quarters.
  { path: '/cong-khai', component: lazy(() => import('./pages/public-results.tsx').then((m) => m.PublicResultsPage)) },
  { path: '/cong-khai/:survey/:period', component: lazy(() => import('./pages/public-results.tsx').then((m) => m.PublicResultsPage)) },
  { path: '/print/:survey/:period', component: staffOnly(lazy(() => import('./pages/print.tsx').then((m) => m.PrintPage))) },
  { path: '/desks/:id/poster', component: staffOnly(lazy(() => import('./pages/desk-poster.tsx').then((m) => m.DeskPosterPage))) },
]
