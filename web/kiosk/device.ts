import type { PrivacyFacts } from '../components/privacy-notice.tsx'
import type { CitizenLanguage } from '../lib/language-pack.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import type { SurveyDefinition } from '../../server/domain/survey-definition.ts'

export const APP_VERSION = '0.1.0'
export interface KioskConfig {
  kiosk: { id: number; name: string }
  agency: { code: string; name: string }
  desk: { code: string; name: string }
  survey: string
  definition: SurveyDefinition
  settings: { resetDelayMs: number; idleTimeoutMs: number; repeatIntervalMs: number }
  /** Absent in a configuration stored before the notice existed. */
  privacy?: PrivacyFacts
  /** The desk's language pack, shown first; absent or null: Vietnamese. */
  language?: CitizenLanguage | null
  configHash: string
}

const SECRET = 'hailong.kiosk.secret'
const CONFIG = 'hailong.kiosk.config'
const LAST_AT = 'hailong.kiosk.lastSubmissionAt'

/** The device secret and the last configuration are kept on the tablet: it starts and rates offline. */
export const stored = {
  secret: () => localStorage.getItem(SECRET),
  setSecret: (s: string) => localStorage.setItem(SECRET, s),
  config(): KioskConfig | null {
    try {
      return JSON.parse(localStorage.getItem(CONFIG) ?? 'null') as KioskConfig | null
    } catch {
      return null
    }
  },
  setConfig: (c: KioskConfig) => localStorage.setItem(CONFIG, JSON.stringify(c)),
  clearConfig: () => localStorage.removeItem(CONFIG),
  lastAt: () => Number(localStorage.getItem(LAST_AT)) || null,
  setLastAt: (at: number) => localStorage.setItem(LAST_AT, String(at)),
}

/** A final refusal from the server (4xx with its vi/en reason): a wrong pairing code, an unknown (401) or revoked (403) tablet. */
export class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: LocalizedText | null,
  ) {
    super(code)
  }
}

async function call<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' }
  const secret = stored.secret()
  if (secret) headers.Authorization = `Bearer ${secret}`
  const res = await fetch(path, { ...init, headers, body: init.json === undefined ? undefined : JSON.stringify(init.json) })
  const body = (await res.json().catch(() => null)) as ({ error?: { code: string; message: LocalizedText } } & T) | null
  if (res.ok) return body as T
  // Only a refusal about the device or the code is final; anything else (5xx, proxy page) is "try later".
  if (res.status >= 400 && res.status < 500 && body?.error) throw new Refused(res.status, body.error.code, body.error.message)
  throw new Error(`HTTP ${res.status}`)
}

export const deviceApi = {
  pair: (code: string) => call<{ kioskId: number; secret: string }>('/api/v1/kiosk/pair', { method: 'POST', json: { code } }),
  config: () => call<KioskConfig>('/api/v1/kiosk/config'),
  heartbeat: (queueLength: number) =>
    call<{ configHash: string }>('/api/v1/kiosk/heartbeat', {
      method: 'POST',
      json: { appVersion: APP_VERSION, queueLength, lastSubmissionAt: stored.lastAt() ? new Date(stored.lastAt()!).toISOString() : null },
    }),
}
