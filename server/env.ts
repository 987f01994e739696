import { z } from 'zod'
import { assertTimeZone, DEFAULT_TIMEZONE } from './domain/periods.ts'

/** The only reader of process.env: the server and the CLI read the same configuration, and fail fast. */
const Env = z.object({
  DATABASE_URL: z.string().min(1).default('./data/hailong.db'),
  /** 0 takes any free port (tests; the start-up lines name the one chosen). */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().optional(),
  HAILONG_TZ: z
    .string()
    .default(DEFAULT_TIMEZONE)
    .refine((tz) => {
      try {
        assertTimeZone(tz)
        return true
      } catch {
        return false
      }
    }, 'unknown time zone'),
  HAILONG_MIN_SAMPLE: z.coerce.number().int().min(1).default(30),
  HAILONG_SQLITE_SYNC: z.enum(['FULL', 'NORMAL']).default('FULL'),
  /** PostgreSQL connections per node: nodes × this must stay below the server's max_connections. */
  HAILONG_DB_POOL: z.coerce.number().int().min(1).max(1000).default(10),
  HAILONG_NO_SEED: z.string().optional(),
  HAILONG_PUBLIC_URL: z.url().optional(),
  HAILONG_TRUST_PROXY: z.enum(['0', '1', 'true', 'false']).default('0').transform((v) => v === '1' || v === 'true'),
})
export type Env = z.infer<typeof Env>

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}
