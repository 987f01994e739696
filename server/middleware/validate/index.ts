import { validator } from 'hono/validator'
import { createMiddleware } from 'hono/factory'
import type { MiddlewareHandler, ValidationTargets } from 'hono'
import type { z } from 'zod'
import { DomainError, invalid, issue, type FieldIssue } from '../../domain/errors.ts'
import { zodIssues } from '../../domain/zod-issues.ts'

// Control characters (tab, line feed and carriage return aside) and lone UTF-16 surrogates never belong in
// what people type; PostgreSQL refuses NUL outright, so letting one through would be a 500 there.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Every string (and object key) in a parsed JSON body that holds a control character or a lone surrogate. */
export function textIssues(value: unknown, path = ''): FieldIssue[] {
  const bad = (s: string) => CONTROL.test(s) || LONE_SURROGATE.test(s)
  const out: FieldIssue[] = []
  const walk = (v: unknown, at: string) => {
    if (out.length >= 20) return
    if (typeof v === 'string') {
      if (bad(v)) out.push(issue(at || '(body)', 'invalid_text', 'Văn bản chứa ký tự điều khiển hoặc không hợp lệ', 'Text contains control or invalid characters'))
    } else if (Array.isArray(v)) v.forEach((x, i) => walk(x, at ? `${at}.${i}` : String(i)))
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (bad(k)) out.push(issue(at || '(body)', 'invalid_text', 'Tên trường chứa ký tự điều khiển hoặc không hợp lệ', 'A field name contains control or invalid characters'))
        else walk(x, at ? `${at}.${k}` : k)
      }
  }
  walk(value, path)
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
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw invalid(zodIssues(parsed.error, target === 'json' ? '' : target))
    return parsed.data as z.infer<S>
  })
  if (target !== 'json') return check
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
  // Typed as the validator so handlers keep `c.req.valid(...)`.
  const both: MiddlewareHandler = async (c, next) => {
    let out: unknown
    await utf8(c, async () => {
      out = await check(c, next)
    })
    return out as Response | void
  }
  return both as unknown as typeof check
}
