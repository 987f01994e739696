import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { fromDatabaseError } from '../../db/errors.ts'
import { DomainError, tooLarge, type ErrorCode, type ErrorKind, type FieldIssue } from '../../domain/errors.ts'
import type { LocalizedText } from '../../domain/text.ts'

const statusOf: Record<ErrorKind, ContentfulStatusCode> = {
  invalid: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  gone: 410,
  too_large: 413,
  rate_limited: 429,
}

export interface ErrorBody {
  error: { code: string; message: LocalizedText; details?: FieldIssue[]; requestId: string }
}

export function errorBody(c: Context, code: ErrorCode, message: LocalizedText, details?: FieldIssue[]): ErrorBody {
  return { error: { code, message, ...(details?.length ? { details } : {}), requestId: c.get('requestId') ?? '' } }
}

export function errorResponse(c: Context, e: DomainError) {
  return c.json(errorBody(c, e.code, e.text, e.details), statusOf[e.kind])
}

/** Receipt codes and desk links travel in paths (/r/rcpt_…, /api/v1/links/desk_…): logs keep only the prefix. */
export const redactTokens = (text: string) => text.replace(/\b(rcpt|desk|kiosk|kpair|hlk)_[A-Za-z0-9_-]+/g, '$1_…')

/** The one place where failures become HTTP responses: one envelope, 5xx logged, nothing leaked. */
export function onError(e: Error, c: Context) {
  if (e instanceof DomainError) return errorResponse(c, e)
  const known = fromDatabaseError(e)
  if (known) return errorResponse(c, known)
  if (e instanceof HTTPException) {
    const status = e.status as ContentfulStatusCode
    if (status === 413) return errorResponse(c, tooLarge())
    if (status === 400)
      return c.json(errorBody(c, 'malformed_body', { vi: 'Dữ liệu gửi lên không đọc được (JSON sai)', en: 'The request body could not be read (malformed JSON)' }), 400)
    return c.json(errorBody(c, 'http_error', { vi: 'Yêu cầu không hợp lệ', en: e.message || 'Request refused' }), status)
  }
  console.error(`[${c.get('requestId') ?? '-'}] ${c.req.method} ${redactTokens(c.req.path)}`, e)
  return c.json(errorBody(c, 'internal_error', { vi: 'Lỗi máy chủ, vui lòng thử lại', en: 'Server error, please try again' }), 500)
}

export function notFound(c: Context) {
  return c.json(errorBody(c, 'not_found', { vi: 'Không tìm thấy', en: 'Not found' }), 404)
}
