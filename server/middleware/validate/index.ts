import { validator } from 'hono/validator'
import { createMiddleware } from 'hono/factory'
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import type { InferInput } from 'hono/validator'
import type { z } from 'zod'
import { DomainError, invalid, issue, type FieldIssue } from '../../domain/errors.ts'
import { stripInvisibleDeep, UNSAFE_TEXT } from '../../domain/text.ts'
import { zodIssues } from '../../domain/zod-issues.ts'

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
  const check = validator(target, (value) => {
    if (target === 'json' && options.text !== 'per-item') {
      const issues = textIssues(value)
      if (issues.length) throw invalid(issues)
    }
    const parsed = schema.safeParse(target === 'json' ? stripInvisibleDeep(value) : value)
    if (!parsed.success) throw invalid(zodIssues(parsed.error, target === 'json' ? '' : target))
    return parsed.data as z.infer<S>
  })
  if (target !== 'json') return check as unknown as Validated<T, S>
  const utf8 = createMiddleware(async (c, next) => {
    // Read once here; Hono caches the body, so the validator's parse reads the same bytes.
    if (/^application\/([a-z-.]+\+)?json/i.test(c.req.header('Content-Type') ?? '')) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(await c.req.arrayBuffer())
      } catch {
        throw notUtf8()
      }
    }
    await next()
  })
  // Typed as the validator (Validated) so handlers keep `c.req.valid(...)`.
  const both: MiddlewareHandler = async (c, next) => {
    let out: unknown
    await utf8(c, async () => {
      out = await check(c, next)
    })
    return out as Response | void
  }
  return both as unknown as Validated<T, S>
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
