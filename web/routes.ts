import type { AnyComponent } from 'preact'
import { lazy } from 'preact-iso'

/** The staff app's one route table; heavy pages load only when opened. */
// Route components receive their path parameters as props, each its own shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const routes: Array<{ path: string; component: AnyComponent<any> }> = [
  { path: '/', component: lazy(() => import('./pages/home.tsx').then((m) => m.HomePage)) },
  { path: '/login', component: lazy(() => import('./pages/login.tsx').then((m) => m.LoginPage)) },
  { path: '/dashboard', component: lazy(() => import('./pages/dashboard.tsx').then((m) => m.DashboardPage)) },
  { path: '/agencies/:code', component: lazy(() => import('./pages/agency.tsx').then((m) => m.AgencyPage)) },
  { path: '/comments', component: lazy(() => import('./pages/comments.tsx').then((m) => m.CommentsPage)) },
  { path: '/account', component: lazy(() => import('./pages/account.tsx').then((m) => m.AccountPage)) },
  { path: '/admin/agencies', component: lazy(() => import('./pages/admin-agencies.tsx').then((m) => m.AdminAgenciesPage)) },
  { path: '/admin/surveys', component: lazy(() => import('./pages/admin-surveys.tsx').then((m) => m.AdminSurveysPage)) },
  { path: '/admin/users', component: lazy(() => import('./pages/admin-users.tsx').then((m) => m.AdminUsersPage)) },
  { path: '/admin/import', component: lazy(() => import('./pages/admin-import.tsx').then((m) => m.AdminImportPage)) },
  { path: '/admin/kiosks', component: lazy(() => import('./pages/admin-kiosks.tsx').then((m) => m.AdminKiosksPage)) },
  { path: '/admin/api-keys', component: lazy(() => import('./pages/admin-api-keys.tsx').then((m) => m.AdminApiKeysPage)) },
  { path: '/admin/audit', component: lazy(() => import('./pages/admin-audit.tsx').then((m) => m.AdminAuditPage)) },
  { path: '/print/:survey/:period', component: lazy(() => import('./pages/print.tsx').then((m) => m.PrintPage)) },
  { path: '/desks/:id/poster', component: lazy(() => import('./pages/desk-poster.tsx').then((m) => m.DeskPosterPage)) },
]
