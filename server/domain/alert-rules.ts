import { z } from 'zod'
import type { LocalizedText } from './text.ts'
import { ALERT_KINDS } from './vocabulary.ts'

/** The rating every alert reads: the 1–5 `overall` question of the quick desk rating (and any survey that has one). */
export const RATING_QUESTION = 'overall'

export const AlertKind = z.enum(ALERT_KINDS)
export type AlertKind = z.infer<typeof AlertKind>

export const AlertState = z.enum(['new', 'acknowledged', 'resolved'])
export type AlertState = z.infer<typeof AlertState>

/**
 * Each rule's parameters, with the defaults a province starts with. The unhappy burst default is the one
 * HappyOrNot suggests: half the ratings negative within 15 minutes, counted from 4 ratings on.
 */
export const RuleParams = {
  unhappy_burst: z
    .object({
      windowMinutes: z.number().int().min(1).max(240).default(15),
      share: z.number().min(0.05).max(1).default(0.5),
      minCount: z.number().int().min(1).max(1000).default(4),
      maxRating: z.number().int().min(1).max(4).default(2),
    })
    .strict(),
  silence: z
    .object({
      tabletMinutes: z
        .number()
        .int()
        .min(2)
        .max(24 * 60)
        .default(10),
      deskMinutes: z
        .number()
        .int()
        .min(10)
        .max(24 * 60)
        .default(120),
    })
    .strict(),
  index_drop: z
    .object({
      days: z.number().int().min(1).max(31).default(7),
      previousWeeks: z.number().int().min(1).max(12).default(4),
      dropPoints: z.number().min(1).max(100).default(10),
      minCount: z.number().int().min(5).max(10_000).default(20),
    })
    .strict(),
  praise_run: z
    .object({
      runLength: z.number().int().min(3).max(200).default(10),
      minRating: z.number().int().min(4).max(5).default(5),
    })
    .strict(),
} as const

export type BurstParams = z.infer<typeof RuleParams.unhappy_burst>
export type SilenceParams = z.infer<typeof RuleParams.silence>
export type IndexDropParams = z.infer<typeof RuleParams.index_drop>
export type PraiseParams = z.infer<typeof RuleParams.praise_run>
export interface ParamsOf {
  unhappy_burst: BurstParams
  silence: SilenceParams
  index_drop: IndexDropParams
  praise_run: PraiseParams
}

export interface EffectiveRule<K extends AlertKind = AlertKind> {
  kind: K
  enabled: boolean
  params: ParamsOf[K]
  /** Where the rule comes from: the built-in default, or the scope key of the row that set it. */
  source: string
}

export function defaultRule<K extends AlertKind>(kind: K): EffectiveRule<K> {
  return { kind, enabled: true, params: RuleParams[kind].parse({}) as ParamsOf[K], source: 'default' }
}

export const scopeKey = (s: { agencyId?: number | null; deskId?: number | null }) => (s.deskId ? `desk:${s.deskId}` : s.agencyId ? `agency:${s.agencyId}` : 'province')

/**
 * The rule that applies to a desk (or an agency): the nearest row among the desk, its agency, the
 * agencies above it and the province, else the default. A row's stored params are read through the
 * schema, so a row written by an older version still gets defaults for parameters added since.
 */
export function resolveRule<K extends AlertKind>(kind: K, chain: string[], rows: ReadonlyMap<string, { enabled: number; params: string }>): EffectiveRule<K> {
  for (const key of chain) {
    const row = rows.get(`${kind}|${key}`)
    if (!row) continue
    let stored: unknown = {}
    try {
      stored = JSON.parse(row.params)
    } catch {
      /* a damaged row falls back to the defaults rather than silencing the rule */
    }
    const parsed = RuleParams[kind].safeParse(stored)
    return { kind, enabled: row.enabled === 1, params: (parsed.success ? parsed.data : RuleParams[kind].parse({})) as ParamsOf[K], source: key }
  }
  return defaultRule(kind)
}

/** True when the window's ratings (n, of which `unhappy` at `maxRating` or below) make an unhappy burst. */
export function isUnhappyBurst(w: { n: number; unhappy: number }, p: BurstParams): boolean {
  return w.n >= p.minCount && w.unhappy / w.n >= p.share
}

/** Share of ratings 4 or 5, on 0–100, as the `mot-cua` index counts it; null with no rating. */
export function ratingIndex(n: number, satisfied: number): number | null {
  return n ? (100 * satisfied) / n : null
}

/** A drop of the recent index against the weeks before, both on enough ratings. */
export function isIndexDrop(recent: { n: number; satisfied: number }, before: { n: number; satisfied: number }, p: IndexDropParams): boolean {
  if (recent.n < p.minCount || before.n < p.minCount) return false
  return ratingIndex(before.n, before.satisfied)! - ratingIndex(recent.n, recent.satisfied)! >= p.dropPoints
}

/** The minute a rating is counted in (rating_minutes): `YYYY-MM-DDTHH:MM` of its instant in UTC. */
export function ratingMinute(at: string | Date): string {
  return (typeof at === 'string' ? new Date(at) : at).toISOString().slice(0, 16)
}

/** How long rating_minutes keeps a minute: a day, well beyond the longest burst window (240 minutes). */
export const RATING_MINUTES_KEPT_MS = 86_400_000

/**
 * The burst rule's window, counted in whole minutes of the clock: the `minutes` latest, the one under way
 * included, so it spans between minutes − 1 and `minutes` of time. `from` is the start of its first minute.
 */
export function burstWindow(now: Date, minutes: number): { from: Date; to: Date; firstMinute: string; lastMinute: string } {
  const from = new Date(Math.floor(now.getTime() / 60_000) * 60_000 - (minutes - 1) * 60_000)
  return { from, to: now, firstMinute: ratingMinute(from), lastMinute: ratingMinute(now) }
}

/** Fixed windows name each burst: with the cool-down below, one window raises one alert. */
export function windowStart(at: Date, minutes: number): Date {
  const ms = minutes * 60_000
  return new Date(Math.floor(at.getTime() / ms) * ms)
}

export const stateText: Record<AlertState, LocalizedText> = {
  new: { vi: 'Mới', en: 'New' },
  acknowledged: { vi: 'Đã tiếp nhận', en: 'Acknowledged' },
  resolved: { vi: 'Đã xử lý', en: 'Resolved' },
}

/** What an alert says, in words, from its facts (used by the e-mail, the webhook and the staff app). */
export function alertSummary(kind: AlertKind, f: Record<string, unknown>): LocalizedText {
  const num = (k: string) => Number(f[k] ?? 0)
  switch (kind) {
    case 'unhappy_burst':
      return {
        vi: `${num('unhappy')}/${num('n')} đánh giá từ ${num('maxRating')} sao trở xuống trong ${num('windowMinutes')} phút`,
        en: `${num('unhappy')} of ${num('n')} ratings at ${num('maxRating')} or below within ${num('windowMinutes')} minutes`,
      }
    case 'silence':
      return f.kioskName
        ? {
            vi: `Máy "${String(f.kioskName)}" không liên lạc ${num('minutes')} phút trong giờ làm việc`,
            en: `Tablet "${String(f.kioskName)}" unheard for ${num('minutes')} minutes in opening hours`,
          }
        : { vi: `Quầy không có đánh giá nào trong ${num('minutes')} phút giờ làm việc`, en: `No rating at the desk for ${num('minutes')} minutes in opening hours` }
    case 'index_drop':
      return {
        vi: `Chỉ số ${num('days')} ngày qua ${num('recentIndex').toFixed(1)} (n = ${num('recentN')}), ${num('previousWeeks')} tuần trước ${num('beforeIndex').toFixed(1)} (n = ${num('beforeN')})`,
        en: `Index over the last ${num('days')} days ${num('recentIndex').toFixed(1)} (n = ${num('recentN')}), previous ${num('previousWeeks')} weeks ${num('beforeIndex').toFixed(1)} (n = ${num('beforeN')})`,
      }
    case 'praise_run':
      return { vi: `${num('n')} đánh giá liên tiếp từ ${num('minRating')} sao`, en: `${num('n')} ratings in a row at ${num('minRating')} or above` }
  }
}
