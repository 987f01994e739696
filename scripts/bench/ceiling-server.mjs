#!/usr/bin/env node
// The intake ceiling: the bare stack the app is built on (hono + @hono/node-server + zod) answering the
// same request as POST /api/v1/responses with the same status and shape, and doing nothing else — no
// credential, no survey catalogue, no database. The stored route is measured against this.
// Prints `listening <port>` once it listens (PORT=0 takes any free port).
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { z } from 'zod'

// Equivalent to SubmissionInput with the answers of a 1–5 rating survey checked in the same pass.
const Submission = z
  .object({
    submissionId: z.uuid(),
    survey: z.string().regex(/^[a-z0-9-]+@\d+$/),
    answers: z.record(z.string().max(64), z.number().int().min(1).max(5)),
    givenAt: z.iso.datetime({ offset: true }).optional(),
    procedure: z.string().trim().min(1).max(64).optional(),
    website: z.string().max(200).optional(),
  })
  .strict()

// The header and the body read straight from Node's request, as the app's intake route reads them
// (server/lib/node-request.ts): the cheapest way this stack offers, so the ceiling stays a ceiling.
// Reading them through hono's fetch Request cost the bare server about half its time.
const header = (incoming, name) => {
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) if (incoming.rawHeaders[i].toLowerCase() === name) return incoming.rawHeaders[i + 1]
  return undefined
}
const body = (incoming) =>
  new Promise((resolve, reject) => {
    const chunks = []
    incoming.on('data', (chunk) => chunks.push(chunk))
    incoming.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    incoming.once('error', reject)
  })

// CEILING_BODY=hono: the header and body through hono's own c.req (the fetch Request), the way most hono
// apps read them; shown beside the other, which is the one the target is judged against.
const throughHono = process.env.CEILING_BODY === 'hono'

const app = new Hono().post('/api/v1/responses', async (c) => {
  const incoming = c.env.incoming
  const authorization = throughHono ? c.req.header('authorization') : header(incoming, 'authorization')
  if (!authorization?.startsWith('Bearer ')) return c.json({ error: { code: 'unauthenticated' } }, 401)
  let json = null
  try {
    json = throughHono ? await c.req.json() : JSON.parse(await body(incoming))
  } catch {}
  const parsed = Submission.safeParse(json)
  if (!parsed.success) return c.json({ error: { code: 'validation_failed' } }, 422)
  return c.json({ submissionId: parsed.data.submissionId, status: 'created' }, 201)
})

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: '127.0.0.1' }, (info) => console.log(`listening ${info.port}`))
process.on('SIGTERM', () => server.close(() => process.exit(0)))
