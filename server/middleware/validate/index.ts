import { validator } from 'hono/validator'
import type { ValidationTargets } from 'hono'
import type { z } from 'zod'
import { invalid } from '../../domain/errors.ts'
import { zodIssues } from '../../domain/zod-issues.ts'

/** Validates one part of the request with a Zod schema; a failure becomes field-level vi/en reasons. */
export const validate = <T extends keyof ValidationTargets, S extends z.ZodType>(target: T, schema: S) =>
  validator(target, (value) => {
    const parsed = schema.safeParse(value)
    if (!parsed.success) throw invalid(zodIssues(parsed.error, target === 'json' ? '' : target))
    return parsed.data as z.infer<S>
  })
