import { Hono } from 'hono'
import { z } from 'zod'
import type { AppDeps } from '../app.ts'
import { BatchInput, MAX_BATCH, SubmissionInput } from '../domain/submission.ts'
import { DossierEventBatch, DossierEventResults, MAX_DOSSIER_EVENTS } from '../dossiers/schemas.ts'
import { NATIONAL_EXAMPLE, NATIONAL_FORMAT } from '../domain/dossier-code.ts'
import { InvitationBatchCreated, InvitationBatchInput, InvitationCreated, InvitationInput, MAX_INVITATIONS } from '../invitations/schemas.ts'

const Text = z.object({ vi: z.string(), en: z.string() })
const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: Text,
    details: z.array(z.object({ field: z.string(), code: z.string(), message: Text })).optional(),
    requestId: z.string(),
  }),
})
const SubmissionResult = z.object({ submissionId: z.uuid(), status: z.enum(['created', 'duplicate']) })

// Requests are described as clients send them (before defaults and trimming), answers as the server writes them.
const schema = (s: z.ZodType, io: 'input' | 'output') => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' })
  return rest
}
const input = (s: z.ZodType) => schema(s, 'input')
const output = (s: z.ZodType) => schema(s, 'output')
const json = (schema: unknown) => ({ content: { 'application/json': { schema } } })
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` })
const err = (description: string) => ({ description, ...json(ref('Error')) })
/** A POST taking the named schema as its JSON body (keys in the order the document has always had). */
const post = (op: { summary: string; description?: string; security: unknown; body: string; responses: Record<number, unknown> }) => ({
  post: {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    security: op.security,
    requestBody: { required: true, ...json(ref(op.body)) },
    responses: op.responses,
  },
})

/** The integration API, generated from the very Zod schemas that validate it, so the two cannot drift. */
export function openApiDocument(serverUrl: string) {
  const keyAuth = [{ apiKey: [] }]
  const credential = [{ credential: [] }]
  const badKey = err('Missing, forged, expired or revoked API key')
  const badCredential = err('Missing or unknown credential')
  return {
    openapi: '3.1.0',
    info: {
      title: 'hailong — API tích hợp / integration API',
      version: '1',
      description: 'Mã đánh giá trên giấy hẹn (receipt codes) cho phần mềm Một cửa, và gửi câu trả lời. Every error has one shape with a reason in Vietnamese and English.',
    },
    servers: [{ url: serverUrl }],
    components: {
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An API key `hlk_…` created by staff for one agency (and its sub-agencies)' },
        credential: { type: 'http', scheme: 'bearer', description: 'A desk link `desk_…`, a receipt code `rcpt_…` or a kiosk credential' },
      },
      schemas: {
        Error: output(ErrorBody),
        InvitationInput: input(InvitationInput),
        InvitationBatchInput: input(InvitationBatchInput),
        InvitationCreated: output(InvitationCreated),
        InvitationBatchCreated: output(InvitationBatchCreated),
        SubmissionInput: input(SubmissionInput),
        BatchInput: input(BatchInput),
        SubmissionResult: output(SubmissionResult),
        DossierEventBatch: input(DossierEventBatch),
        DossierEventResults: output(DossierEventResults),
      },
    },
    paths: {
      '/api/v1/invitations': post({
        summary: 'Tạo một mã đánh giá / mint one receipt code',
        security: keyAuth,
        body: 'InvitationInput',
        responses: {
          201: { description: 'The code, its link and QR (SVG, PNG data URL); the code is not stored and is shown only here', ...json(ref('InvitationCreated')) },
          400: err('Field-level reasons (unknown desk or agency, out of the key’s scope, bad expiry…)'),
          401: badKey,
          429: err('Too many requests for this key; retry later'),
        },
      }),
      '/api/v1/invitations/batch': post({
        summary: `Tạo tối đa ${MAX_INVITATIONS} mã / mint up to ${MAX_INVITATIONS} codes, all or none`,
        security: keyAuth,
        body: 'InvitationBatchInput',
        responses: {
          201: { description: 'One entry per item, in order', ...json(ref('InvitationBatchCreated')) },
          400: err('Field-level reasons, named `items.<index>.<field>`; nothing is created'),
          401: badKey,
          429: err('Too many requests for this key'),
        },
      }),
      '/api/v1/dossiers/events': post({
        summary: `Báo hồ sơ đã tiếp nhận, đã trả kết quả / report dossiers received and returned (up to ${MAX_DOSSIER_EVENTS} events)`,
        description: `The denominator of the response rate. Dossier codes follow ${NATIONAL_FORMAT} (Thông tư 04/2025/TT-VPCP), e.g. ${NATIONAL_EXAMPLE}; older provincial formats only when the server is configured for them. Idempotent: an event sent again is answered \`duplicate\` and counts once.`,
        security: keyAuth,
        body: 'DossierEventBatch',
        responses: {
          200: { description: 'One result per event, in order: created, updated, duplicate or conflict', ...json(ref('DossierEventResults')) },
          400: err('Field-level reasons, named `events.<index>.<field>` (a malformed dossier code names the format); nothing is stored'),
          401: badKey,
          413: err('Over 1 MB'),
          429: err('Too many requests for this key'),
        },
      }),
      '/api/v1/responses': post({
        summary: 'Gửi một phiếu trả lời / submit one response',
        security: credential,
        body: 'SubmissionInput',
        responses: {
          201: { description: 'Stored', ...json(ref('SubmissionResult')) },
          200: { description: 'Already stored with the same content (a resend)', ...json(ref('SubmissionResult')) },
          400: err('Field-level reasons'),
          401: badCredential,
          409: err('`receipt_used`: the receipt code was already used; `submission_conflict`: the id was used for other answers'),
          410: err('`receipt_expired`: the receipt code has expired'),
          413: err('Over 64 KB'),
          429: err('`already_answered_today`: this browser already rated this desk today'),
        },
      }),
      '/api/v1/responses/batch': post({
        summary: `Gửi tối đa ${MAX_BATCH} phiếu / submit up to ${MAX_BATCH} responses, answered per item`,
        security: credential,
        body: 'BatchInput',
        responses: { 200: { description: 'One result per item: created, duplicate, conflict or invalid' }, 401: badCredential },
      }),
    },
  }
}

export function openApiRoutes(deps: AppDeps) {
  return new Hono().get('/', (c) => c.json(openApiDocument(deps.publicUrl ?? new URL(c.req.url).origin)))
}
