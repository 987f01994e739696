import type { z } from 'zod'
import type { Db } from '../db/types.ts'
import { getSetting } from './repository.ts'

/**
 * A settings row holding JSON, read through its schema. Absent, damaged or out of range, it gives the
 * fallback (by default the schema's defaults): a bad row must not stop intake, the kiosks or the notice.
 */
export async function jsonSetting<S extends z.ZodType>(db: Db, key: string, schema: S, fallback: () => z.output<S> = () => schema.parse({})): Promise<z.output<S>> {
  const value = await getSetting(db, key)
  let stored: unknown = {}
  try {
    stored = value ? JSON.parse(value) : {}
  } catch {
    /* the fallback below */
  }
  const parsed = schema.safeParse(stored)
  return parsed.success ? parsed.data : fallback()
}
