import { createHmac } from 'node:crypto'
import nodemailer, { type Transporter } from 'nodemailer'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.ts'
import { alertSummary } from '../domain/alert-rules.ts'
import { ALERT_KIND_TEXT } from '../domain/vocabulary.ts'
import type { Clock } from '../lib/clock.ts'
import { findAlertRow, claimOutbox, dueOutbox, recordAttempt, type AlertRow } from './repository.ts'

/** Where alerts go besides the staff app (HAILONG_SMTP_URL … and HAILONG_WEBHOOK_URL …, see env.ts). */
export interface DeliveryConfig {
  email?: { url: string; from: string; to: string[] }
  webhook?: { url: string; secret: string }
  /** The base of the alert's link in e-mails and webhooks. */
  publicUrl?: string
}

/** Waits before each retry; after the last one the delivery is given up (the alert itself stays). */
export const BACKOFF_MS = [30_000, 120_000, 600_000, 1_800_000, 7_200_000, 21_600_000]
export const MAX_ATTEMPTS = BACKOFF_MS.length + 1
/** A claimed delivery is not taken by another tick or node for this long (a hung SMTP server). */
const LEASE_MS = 5 * 60_000
const WEBHOOK_TIMEOUT_MS = 10_000

export const SIGNATURE_HEADER = 'X-Hailong-Signature'
export const TIMESTAMP_HEADER = 'X-Hailong-Timestamp'
export const DELIVERY_HEADER = 'X-Hailong-Delivery'

/** HMAC-SHA256 over `timestamp.body`, so a receiver can refuse replays of an old body with a fresh time. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** The outbox rows a new alert gets, one per configured channel. */
export function outboxTargets(config: DeliveryConfig): Array<{ channel: 'email' | 'webhook'; target: string }> {
  const out: Array<{ channel: 'email' | 'webhook'; target: string }> = []
  if (config.email && config.email.to.length) out.push({ channel: 'email', target: config.email.to.join(', ') })
  if (config.webhook) out.push({ channel: 'webhook', target: config.webhook.url })
  return out
}

export function alertPayload(a: AlertRow, publicUrl?: string) {
  const facts = JSON.parse(a.facts) as Record<string, unknown>
  return {
    id: a.id,
    kind: a.kind,
    title: ALERT_KIND_TEXT[a.kind],
    summary: alertSummary(a.kind, facts),
    state: a.state,
    agency: { code: a.agency_code, name: a.agency_name },
    desk: a.desk_code ? { code: a.desk_code, name: a.desk_name } : null,
    kiosk: a.kiosk_name ? { name: a.kiosk_name } : null,
    raisedAt: a.raised_at,
    facts,
    url: publicUrl ? `${publicUrl.replace(/\/$/, '')}/alerts/${a.id}` : null,
  }
}

export class Deliverer {
  private transport: Transporter | null = null
  private running: Promise<void> | null = null
  private again = false

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly config: DeliveryConfig,
  ) {}

  /** Sends what is due; concurrent calls share one pass (and ask for one more if work arrived meanwhile). */
  run(): Promise<void> {
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          await this.pass()
        } while (this.again)
      } finally {
        this.running = null
      }
    })()
    return this.running
  }

  close() {
    this.transport?.close()
    this.transport = null
  }

  private async pass() {
    const now = this.clock.now()
    for (const o of await dueOutbox(this.db, now.toISOString())) {
      if (!(await claimOutbox(this.db, o.id, o.next_attempt_at, new Date(now.getTime() + LEASE_MS).toISOString()))) continue
      const attempt = o.attempts + 1
      let ok = false
      let detail: string | null = null
      try {
        const alert = await findAlertRow(this.db, o.alert_id)
        if (!alert) throw new Error(`alert ${o.alert_id} is missing`)
        detail = o.channel === 'email' ? await this.sendEmail(alert) : await this.sendWebhook(alert, o.id)
        ok = true
      } catch (e) {
        detail = (e instanceof Error ? e.message : String(e)).slice(0, 500)
      }
      const at = this.clock.now()
      const status = ok ? 'sent' : attempt >= MAX_ATTEMPTS ? 'failed' : 'pending'
      const next = ok || status === 'failed' ? at : new Date(at.getTime() + BACKOFF_MS[attempt - 1]!)
      await recordAttempt(this.db, { id: o.id, attempt, at: at.toISOString(), ok, detail, status, nextAttemptAt: next.toISOString() })
    }
  }

  private async sendEmail(alert: AlertRow): Promise<string> {
    const email = this.config.email
    if (!email) throw new Error('e-mail is not configured (HAILONG_SMTP_URL)')
    this.transport ??= nodemailer.createTransport(email.url)
    const p = alertPayload(alert, this.config.publicUrl)
    const where = [p.agency.name, p.desk?.name].filter(Boolean).join(' — ')
    const info = await this.transport.sendMail({
      from: email.from,
      to: email.to,
      subject: `[hailong] ${p.title.vi}: ${where} / ${p.title.en}`,
      text: [
        `${p.title.vi} — ${where}`,
        p.summary.vi,
        `Lúc: ${p.raisedAt}`,
        p.url ? `Xem và xử lý: ${p.url}` : '',
        '',
        '---',
        `${p.title.en} — ${where}`,
        p.summary.en,
        `At: ${p.raisedAt}`,
        p.url ? `Open and follow up: ${p.url}` : '',
      ].join('\n'),
    })
    return `smtp ${String(info.response ?? 'ok').slice(0, 200)}`
  }

  private async sendWebhook(alert: AlertRow, outboxId: number): Promise<string> {
    const hook = this.config.webhook
    if (!hook) throw new Error('the webhook is not configured (HAILONG_WEBHOOK_URL)')
    const body = JSON.stringify({ event: 'alert.raised', alert: alertPayload(alert, this.config.publicUrl) })
    const timestamp = String(Math.floor(this.clock.now().getTime() / 1000))
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: webhookSignature(hook.secret, timestamp, body),
        // The same id on every retry: a receiver that saw it already can answer 200 and do nothing.
        [DELIVERY_HEADER]: String(outboxId),
      },
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    })
    await res.body?.cancel()
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
    return `HTTP ${res.status}`
  }
}
