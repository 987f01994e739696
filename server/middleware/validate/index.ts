import { validator } from 'hono/validator'
import { HTTPException } from 'hono/http-exception'
import type { Context, MiddlewareHandler, ValidationTargets } from 'hono'
import type { InferInput } from 'hono/validator'
import type { z } from 'zod'
import { DomainError, invalid, issue, type FieldIssue } from '../../domain/errors.ts'
import { stripInvisibleDeep, UNSAFE_TEXT } from '../../domain/text.ts'
import { zodIssues } from '../../domain/zod-issues.ts'
import { readIncomingBody, requestHeader } from '../../lib/node-request.ts'

/** Deeper than any form or definition needs; deeper still risks the stack of every recursive reader after this. */
export const MAX_JSON_DEPTH = 32

/**
 * Every string (and object key) in a parsed JSON body that holds UNSAFE_TEXT (a NUL would be a 500 on PostgreSQL),
 * and nesting past MAX_JSON_DEPTH. Walked with an explicit stack, so hostile nesting cannot overflow it.
 */
export function textIssues(value: unknown, path = ''): FieldIssue[] {
  const bad = (s: string) => UNSAFE_TEXT.test(s)
  const out: FieldIssue[] = []
  const stack: Array<{ v: unknown; at: string; depth: number }> = [{ v: value, at: path, depth: 0 }]
  while (stack.length && out.length < 20) {
    const { v, at, depth } = stack.pop()!
    const field = at || '(body)'
    if (typeof v === 'string') {
      if (bad(v)) out.push(issue(field, 'invalid_text', 'Văn bản chứa ký tự điều khiển hoặc không hợp lệ', 'Text contains control or invalid characters'))
      continue
    }
    if (!v || typeof v !== 'object') continue
    if (depth >= MAX_JSON_DEPTH) {
      out.push(issue(field, 'too_deep', `Dữ liệu lồng nhau quá ${MAX_JSON_DEPTH} mức`, `Nested more than ${MAX_JSON_DEPTH} levels`))
      continue
    }
    for (const [k, x] of Object.entries(v)) {
      if (bad(k)) out.push(issue(field, 'invalid_text', 'Tên trường chứa ký tự điều khiển hoặc không hợp lệ', 'A field name contains control or invalid characters'))
      else stack.push({ v: x, at: at ? `${at}.${k}` : k, depth: depth + 1 })
    }
  }
  return out
}

const notUtf8 = () => new DomainError('invalid', 'invalid_encoding', { vi: 'Dữ liệu gửi lên không phải UTF-8 hợp lệ', en: 'The request body is not valid UTF-8' })

/**
 * Validates one part of the request with a Zod schema; a failure becomes field-level vi/en reasons. A JSON
 * body must be valid UTF-8 (the platform would otherwise store U+FFFD in place of what was sent) and, unless
 * `text: 'per-item'` (a batch answers each item on its own), free of control characters.
 */
export const validate = <T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S, options: { text?: 'whole' | 'per-item' } = {}) => {
  const run = (value: unknown) => {
    if (target === 'json' && options.text !== 'per-item') {
      const issues = textIssues(value)
      if (issues.length) throw invalid(issues)
    }
    const parsed = schema.safeParse(target === 'json' ? stripInvisibleDeep(value) : value)
    if (!parsed.success) throw invalid(zodIssues(parsed.error, target === 'json' ? '' : target))
    return parsed.data as z.infer<S>
  }
  if (target === 'query') {
    // As hono's validator takes the query, without the Content-Type header it reads for every target
    // (which builds the fetch Headers of a request served by Node, see lib/node-request.ts).
    const query: MiddlewareHandler = async (c, next) => {
      const value = Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => (v.length === 1 ? [k, v[0]] : [k, v])))
      c.req.addValidatedData('query', run(value) as object)
      await next()
    }
    return query as unknown as Validated<T, S>
  }
  if (target !== 'json') return validator(target, run) as unknown as Validated<T, S>
  // The body is read once and decoded once. hono's validator would read it again as text, through a
  // second fetch Response built over the bytes this check read.
  const json: MiddlewareHandler = async (c, next) => {
    const contentType = requestHeader(c, 'content-type')
    let text: string | undefined
    if (/^application\/([a-z-.]+\+)?json/i.test(contentType ?? '')) {
      try {
        text = strictUtf8.decode(await bodyBytes(c))
      } catch {
        throw notUtf8()
      }
    }
    // As hono's validator: a body that is not JSON by its media type validates as {}.
    let value: unknown = {}
    if (contentType && JSON_MEDIA_TYPE.test(contentType.split(';')[0]!.trim().toLowerCase())) {
      try {
        text ??= lenientUtf8.decode(await bodyBytes(c))
        value = JSON.parse(text)
      } catch {
        throw new HTTPException(400, { message: 'Malformed JSON in request body' })
      }
    }
    c.req.addValidatedData('json', run(value) as object)
    await next()
  }
  return json as unknown as Validated<T, S>
}

/** hono's validator's test of a JSON media type. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json$/i
const strictUtf8 = new TextDecoder('utf-8', { fatal: true })
const lenientUtf8 = new TextDecoder('utf-8')

/** The body's bytes, from the socket when it is untouched, else through hono's cache (a rewritten or test request). */
async function bodyBytes(c: Context): Promise<Uint8Array> {
  // What hono's body methods cache, whatever its type says: the promise of each read.
  const cache = c.req.bodyCache as { arrayBuffer?: Promise<ArrayBuffer> }
  if (cache.arrayBuffer) return new Uint8Array(await cache.arrayBuffer)
  const direct = readIncomingBody(c)
  if (!direct) return new Uint8Array(await c.req.arrayBuffer())
  const bytes = await direct
  // Kept where hono looks, should anything after this read the body again.
  cache.arrayBuffer = Promise.resolve(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  return bytes
}

/**
 * The validator's type, except that what a caller sends outside a JSON body is the schema's input, not its
 * output: a query field with a default may be left out (hono/client would otherwise require `limit`,
 * `count`, `status`…). Types only; the check is the same.
 */
type Validated<T extends keyof ValidationTargets, S extends z.ZodType> = MiddlewareHandler<
  any,
  string,
  { in: { [K in T]: K extends 'json' ? z.infer<S> : InferInput<z.input<S>, K> }; out: { [K in T]: z.infer<S> } }
>
