import { lazy } from 'preact-iso'

/** The staff app's one route table; heavy pages load only when opened. */
export const routes = [
  { path: '/', component: lazy(() => import('./pages/home.tsx').then((m) => m.HomePage)) },
]
