import { z } from 'zod'
import type { DeliveryConfig } from './alerts/delivery.ts'
import { assertTimeZone, DEFAULT_TIMEZONE } from './domain/periods.ts'
import { parseLegacyFormats } from './domain/dossier-code.ts'

/** The only reader of process.env: the server and the CLI read the same configuration, and fail fast. */
const Env = z
  .object({
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
    /** Older provincial dossier-code formats still accepted: preset names or ^…$ patterns, comma separated. */
    HAILONG_DOSSIER_FORMATS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      )
      .refine((list) => {
        try {
          parseLegacyFormats(list)
          return true
        } catch {
          return false
        }
      }, 'unknown dossier format: use tt01-2018 or a pattern ^…$'),
    HAILONG_TRUST_PROXY: z
      .enum(['0', '1', 'true', 'false'])
      .default('0')
      .transform((v) => v === '1' || v === 'true'),
    /**
     * 1 (default): on a SQLite file, intake's transactions run in a worker thread on a connection of their
     * own, so the commit's fsync does not stop the server from reading the next requests. 0: in the loop.
     */
    HAILONG_INTAKE_WORKER: z
      .enum(['0', '1'])
      .default('1')
      .transform((v) => v === '1'),
    /**
     * 1 (default): on a SQLite file, the hour-by-weekday map's scan of raw responses runs in a reader thread,
     * so a large deployment's map does not stop the server answering others. 0: in the loop.
     */
    HAILONG_READ_WORKER: z
      .enum(['0', '1'])
      .default('1')
      .transform((v) => v === '1'),
    /** 0: alert rules are not evaluated (the staff app, follow-up and deliveries of existing alerts still work). */
    HAILONG_ALERTS: z
      .enum(['0', '1'])
      .default('1')
      .transform((v) => v === '1'),
    /** Alert e-mail: `smtp://user:password@host:587` (STARTTLS when offered) or `smtps://…:465`. */
    HAILONG_SMTP_URL: z
      .string()
      .regex(/^smtps?:\/\/[^\s]+$/, 'smtp://user:password@host:port or smtps://…')
      .optional(),
    HAILONG_ALERT_EMAIL_FROM: z.string().min(3).default('hailong <hailong@localhost>'),
    /** Who receives alert e-mails, comma-separated. */
    HAILONG_ALERT_EMAIL_TO: z
      .string()
      .optional()
      .transform((v) =>
        (v ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email())),
    /** Alerts are POSTed here, signed with HAILONG_WEBHOOK_SECRET (HMAC-SHA256, see README). */
    HAILONG_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
    HAILONG_WEBHOOK_SECRET: z.string().min(16, 'at least 16 characters').optional(),
  })
  .refine((e) => !e.HAILONG_WEBHOOK_URL || e.HAILONG_WEBHOOK_SECRET, { path: ['HAILONG_WEBHOOK_SECRET'], message: 'required with HAILONG_WEBHOOK_URL' })
export type Env = z.infer<typeof Env>

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = Env.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Cấu hình không hợp lệ / Invalid configuration:\n${lines.join('\n')}`)
  }
  return parsed.data
}

/** Where alerts are delivered besides the staff app, from the configuration. */
export function deliveryConfig(env: Env): DeliveryConfig {
  return {
    email: env.HAILONG_SMTP_URL ? { url: env.HAILONG_SMTP_URL, from: env.HAILONG_ALERT_EMAIL_FROM, to: env.HAILONG_ALERT_EMAIL_TO } : undefined,
    webhook: env.HAILONG_WEBHOOK_URL && env.HAILONG_WEBHOOK_SECRET ? { url: env.HAILONG_WEBHOOK_URL, secret: env.HAILONG_WEBHOOK_SECRET } : undefined,
    publicUrl: env.HAILONG_PUBLIC_URL,
  }
}
