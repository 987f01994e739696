import { randomUUID } from 'node:crypto'
import { createMiddleware } from 'hono/factory'

declare module 'hono' {
  interface ContextVariableMap {
    requestId: string
  }
}

/** Every response carries an id that also appears in the error envelope and the server log. */
export const requestId = () =>
  createMiddleware(async (c, next) => {
    const id = randomUUID()
    c.set('requestId', id)
    c.header('X-Request-Id', id)
    await next()
  })
