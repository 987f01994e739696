import { IncomingMessage } from 'node:http'
import type { Context } from 'hono'

/**
 * The Node request behind a hono Context when @hono/node-server serves it; absent under `app.request()`.
 * node-server hands hono a stand-in Request that builds the real fetch Request (an AbortController, a
 * Headers object, a web ReadableStream over the socket) only when something asks for its body, signal
 * or headers; under the intake load that construction was the largest cost of the server thread. The
 * hot path reads the headers and the body from here instead.
 */
export function incomingOf(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  return incoming instanceof IncomingMessage ? incoming : undefined
}

/** HTTP whitespace, which Headers strips from both ends of a value. */
const EDGE_WHITESPACE = /^[\t\n\r ]+|[\t\n\r ]+$/g

/**
 * A request header as `c.req.header(name)` gives it — repeated fields joined with ", ", as fetch's
 * Headers joins them — without building the Headers object. `name` is lower case.
 */
export function requestHeader(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c)
  if (!incoming) return c.req.header(name)
  const raw = incoming.rawHeaders
  let value: string | undefined
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i]!
    if (key.length === name.length && key.toLowerCase() === name) {
      const v = raw[i + 1]!.replace(EDGE_WHITESPACE, '')
      value = value === undefined ? v : `${value}, ${v}`
    }
  }
  return value
}

/**
 * The whole body straight from the socket, when nothing has started reading it (no fetch Request took
 * it over); `undefined` otherwise, and the caller reads it through hono. The length was already checked
 * against the route's limit from Content-Length (see middleware/body-limit), which Node's parser holds
 * the body to.
 */
export function readIncomingBody(c: Context): Promise<Buffer> | undefined {
  const incoming = incomingOf(c)
  if (!incoming || incoming.readableDidRead || incoming.readableEnded || incoming.destroyed) return undefined
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk))
    incoming.once('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)))
    incoming.once('error', reject)
    incoming.once('close', () => {
      if (!incoming.readableEnded) reject(new Error('request body cut off'))
    })
  })
}
