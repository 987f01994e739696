import type { client, Res } from './client.ts'

/** An alert as the list answers it (`GET /api/v1/alerts`), typed by the route itself. */
export type AlertItem = Res<typeof client.api.v1.alerts.$get>['alerts'][number]

/** One alert with its ratings, comments and deliveries (`GET /api/v1/alerts/:id`). */
export type AlertDetail = Res<(typeof client.api.v1.alerts)[':id']['$get']>
