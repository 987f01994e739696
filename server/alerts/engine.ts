import type { Kysely } from 'kysely'
import { listAgencies } from '../agencies/repository.ts'
import { appendAudit } from '../audit/service.ts'
import type { AlertKind, Database } from '../db/schema.ts'
import type { SqliteReader } from '../db/sqlite-reader.ts'
import { inTransaction } from '../db/transaction.ts'
import {
  RATING_MINUTES_KEPT_MS,
  RATING_QUESTION,
  burstWindow,
  isIndexDrop,
  isUnhappyBurst,
  ratingIndex,
  resolveRule,
  scopeKey,
  windowStart,
  type EffectiveRule,
} from '../domain/alert-rules.ts'
import { localDateOf, localToInstant } from '../domain/periods.ts'
import { DEFAULT_OPENING_HOURS, isOpen, type OpeningHours } from '../kiosks/opening-hours.ts'
import type { Clock } from '../lib/clock.ts'
import type { PreparedResponse, StoreOutcome } from '../responses/service.ts'
import { Deliverer, outboxTargets, type DeliveryConfig } from './delivery.ts'
import { LiveHub } from './hub.ts'
import {
  activeKioskRows,
  alertRaisedSince,
  currentRun,
  insertAlert,
  insertOutbox,
  lastRatingAt,
  listRuleRows,
  pruneRatingMinutes,
  ratingCountsByAgency,
  windowCounts,
  windowUnhappyIds,
} from './repository.ts'

/** A desk, or an agency's responses that came from no desk. */
interface Place {
  agencyId: number
  deskId: number | null
}
const placeKey = (p: Place) => (p.deskId === null ? `agency:${p.agencyId}` : `desk:${p.deskId}`)

/** Rules and the agency tree are read at most this often (another node's rule change shows within it). */
const RULES_TTL_MS = 30_000

export interface AlertEngineOptions {
  db: Kysely<Database>
  /** The time of the rules and of the schedule: a test moves it on to see a postponed check run. */
  clock: Clock
  timeZone: string
  delivery?: DeliveryConfig
  /** false: responses are not evaluated (HAILONG_ALERTS=0; the benchmark's baseline). */
  enabled?: boolean
  /**
   * A desk is evaluated at most this often after happy ratings, and four times as often after unhappy
   * ones: a busy desk then costs a few queries a second, however many ratings it gets. Tests use 0.
   */
  throttleMs?: number
  /**
   * On a SQLite file: the praise rule's reads of a place's ratings and the burst's list of unhappy ones
   * run in this reader thread. better-sqlite3 is synchronous, and at a desk fed thousands of ratings a
   * second a count over the window took 50 ms or more, every request arriving meanwhile waiting for it
   * (the intake bench's p99). The burst's counts themselves sum rating_minutes, a few rows.
   */
  reader?: SqliteReader
}

/** Below this a rating may complete an unhappy burst and is evaluated sooner (the highest `maxRating` allowed is 4). */
const URGENT_BELOW = 5
const DEFAULT_THROTTLE_MS = 2000
/**
 * A place's next check starts no sooner than this many times its last check's duration after that check
 * began, so checking one place takes at most 1/20 (5 %) of the server's time. The burst's counts sum a
 * window's minutes, the same few rows at any volume; the praise run reads the day's run, up to its
 * latest low rating: at a desk with a rating a minute a check takes a millisecond and the throttle
 * decides, and a pathological desk cannot make checks cost more than their share.
 */
const CHECK_COST_FACTOR = 20

/** How long the last check of a place took, and when it began (ms on the engine's clock). */
export interface LastCheck {
  at: number
  took: number
}

/**
 * When a place with new ratings is due for evaluation: the throttle after its last check (a quarter of
 * it after an unhappy rating), or CHECK_COST_FACTOR times that check's duration, whichever is later.
 */
export function checkDueAt(last: LastCheck | undefined, urgent: boolean, throttleMs: number): number {
  if (!last) return 0
  return last.at + Math.max(urgent ? throttleMs / 4 : throttleMs, CHECK_COST_FACTOR * last.took)
}

/**
 * Evaluates the alert rules. Intake hands over what it committed (`afterCommit`, called by the group
 * committer once the transaction is durable); the evaluation runs on a later turn of the event loop,
 * so no response waits for it. Silence and the rolling index are checked by `tick`, which the server's
 * scheduler calls every 30 s and tests call with their own clock.
 */
export class AlertEngine {
  readonly hub = new LiveHub()
  readonly deliverer: Deliverer
  private readonly db: Kysely<Database>
  private readonly clock: Clock
  private readonly timeZone: string
  private readonly delivery: DeliveryConfig
  private readonly enabled: boolean
  private readonly throttleMs: number
  private readonly reader: SqliteReader | undefined
  /** Places with new ratings, and whether one of them may complete an unhappy burst. */
  private pending = new Map<string, { place: Place; urgent: boolean }>()
  private lastChecked = new Map<string, LastCheck>()
  private changedAgencies = new Set<number>()
  private working: Promise<void> | null = null
  private stopped = false
  private later: { at: number; timer: ReturnType<typeof setTimeout> } | null = null
  private timer: ReturnType<typeof setInterval> | null = null
  private rules: { at: number; rows: Map<string, { enabled: number; params: string }>; parents: Map<number, number | null> } | null = null
  private tickedHour = ''

  constructor(o: AlertEngineOptions) {
    this.db = o.db
    this.clock = o.clock
    this.timeZone = o.timeZone
    this.delivery = o.delivery ?? {}
    this.enabled = o.enabled ?? true
    this.throttleMs = o.throttleMs ?? DEFAULT_THROTTLE_MS
    this.reader = o.reader
    this.deliverer = new Deliverer(o.db, o.clock, this.delivery)
  }

  get hours(): OpeningHours {
    return { ...DEFAULT_OPENING_HOURS, timeZone: this.timeZone }
  }

  /** The intake hook: remembers which desks got new ratings; evaluation happens off the request path. */
  afterCommit(items: PreparedResponse[], outcomes: StoreOutcome[]) {
    if (!this.enabled || this.stopped) return
    outcomes.forEach((o, i) => {
      const p = items[i]
      if (o.status !== 'created' || !p) return
      this.changedAgencies.add(p.agencyId)
      const rating = p.answers[RATING_QUESTION]
      if (typeof rating !== 'number') return
      const place = { agencyId: p.agencyId, deskId: p.deskId }
      const key = placeKey(place)
      this.pending.set(key, { place, urgent: rating < URGENT_BELOW || (this.pending.get(key)?.urgent ?? false) })
    })
    if (!this.working && (this.pending.size || this.changedAgencies.size)) this.working = this.drain()
  }

  /**
   * Resolves once what intake handed over and is due by the engine's clock is evaluated, and the
   * deliveries it queued were tried. Places not due yet wait: a test moves the clock on to see them checked.
   */
  async settled() {
    while (this.working || this.dueEntries().length) {
      if (!this.working) this.working = this.drain()
      await this.working
    }
    await this.deliverer.run()
  }

  invalidateRules() {
    this.rules = null
  }

  start(intervalMs = 30_000) {
    if (this.timer) return
    this.timer = setInterval(() => void this.tick().catch((e) => console.error('alert scheduler:', e)), intervalMs)
    this.timer.unref()
  }

  /** Stops the scheduler and lets the evaluation under way finish, so nothing touches a closed database. */
  async stop() {
    this.stopped = true
    if (this.timer) clearInterval(this.timer)
    if (this.later) clearTimeout(this.later.timer)
    this.timer = null
    this.later = null
    this.deliverer.close()
    await this.working
  }

  /**
   * The scheduled checks: silent tablets and desks (opening hours only), the rolling index hourly, due
   * deliveries; and, hourly, the rating minutes older than a day are forgotten (intake counts them even
   * with the rules off, ready for when they are turned on).
   */
  async tick() {
    const now = this.clock.now()
    const hour = `${localDateOf(now, this.timeZone)}T${now.getUTCHours()}`
    const newHour = hour !== this.tickedHour
    this.tickedHour = hour
    if (newHour) await pruneRatingMinutes(this.db, new Date(now.getTime() - RATING_MINUTES_KEPT_MS).toISOString())
    if (this.enabled) {
      if (isOpen(now, this.hours)) await this.checkSilence(now)
      if (newHour) await this.checkIndexDrop(now)
    }
    await this.deliverer.run()
  }

  /** The effective rule of a kind for a desk or agency (nearest override up the agency tree, else the default). */
  async ruleFor<K extends AlertKind>(kind: K, place: { agencyId: number | null; deskId: number | null }): Promise<EffectiveRule<K>> {
    const now = Date.now()
    if (!this.rules || now - this.rules.at > RULES_TTL_MS) {
      const [rows, agencies] = await Promise.all([listRuleRows(this.db), listAgencies(this.db)])
      this.rules = {
        at: now,
        rows: new Map(rows.map((r) => [`${r.kind}|${r.scope_key}`, r])),
        parents: new Map(agencies.map((a) => [a.id, a.parent_id])),
      }
    }
    const chain: string[] = []
    if (place.deskId !== null) chain.push(scopeKey({ deskId: place.deskId }))
    const seen = new Set<number>()
    for (let a = place.agencyId; a !== null && a !== undefined && !seen.has(a); a = this.rules.parents.get(a) ?? null) {
      seen.add(a)
      chain.push(scopeKey({ agencyId: a }))
    }
    chain.push('province')
    return resolveRule(kind, chain, this.rules.rows)
  }

  private async drain() {
    try {
      // Let the requests whose transaction just committed be answered first.
      await new Promise((resolve) => setImmediate(resolve))
      for (;;) {
        if (this.changedAgencies.size) {
          this.hub.publish({ type: 'ratings', agencyIds: [...this.changedAgencies] })
          this.changedAgencies.clear()
        }
        if (this.stopped) break
        const due = this.dueEntries()
        if (!due.length) break
        for (const [key, { place }] of due) {
          this.pending.delete(key)
          const at = this.clock.now().getTime()
          try {
            await this.checkBurst(place)
            await this.checkPraise(place)
          } catch (e) {
            console.error('alert evaluation:', e)
          }
          this.lastChecked.set(key, { at, took: Math.max(0, this.clock.now().getTime() - at) })
        }
      }
    } finally {
      this.working = null
    }
    // Ratings of a desk checked a moment ago wait for their turn. A desk postponed for its slow check must
    // not hold back one due sooner: the timer is set again for the earlier time.
    if (!this.pending.size) return
    const next = Math.min(...[...this.pending.entries()].map(([key, e]) => this.dueAt(key, e.urgent)))
    if (this.later && this.later.at <= next) return
    if (this.later) clearTimeout(this.later.timer)
    const timer = setTimeout(
      () => {
        this.later = null
        if (!this.working) this.working = this.drain()
      },
      Math.max(0, next - this.clock.now().getTime()),
    )
    timer.unref()
    this.later = { at: next, timer }
  }

  private dueAt(key: string, urgent: boolean) {
    return checkDueAt(this.lastChecked.get(key), urgent, this.throttleMs)
  }

  private dueEntries() {
    const now = this.clock.now().getTime()
    return [...this.pending.entries()].filter(([key, e]) => this.dueAt(key, e.urgent) <= now)
  }

  private async checkBurst(place: Place) {
    const rule = await this.ruleFor('unhappy_burst', place)
    if (!rule.enabled) return
    const p = rule.params
    const now = this.clock.now()
    const win = burstWindow(now, p.windowMinutes)
    const from = win.from.toISOString()
    const to = now.toISOString()
    const w = await windowCounts(this.db, place, win.firstMinute, win.lastMinute, p.maxRating)
    if (!isUnhappyBurst(w, p)) return
    // One alert per window: none while an earlier one of this desk is younger than the window.
    if (await alertRaisedSince(this.db, 'unhappy_burst', place, from)) return
    await this.raise({
      kind: 'unhappy_burst',
      dedupKey: `unhappy_burst:${placeKey(place)}:${windowStart(now, p.windowMinutes).toISOString()}`,
      place,
      facts: { n: w.n, unhappy: w.unhappy, share: w.unhappy / w.n, windowMinutes: p.windowMinutes, maxRating: p.maxRating, from, to },
      responseIds: await windowUnhappyIds(this.db, place, from, to, p.maxRating, this.reader),
    })
  }

  private async checkPraise(place: Place) {
    const rule = await this.ruleFor('praise_run', place)
    if (!rule.enabled) return
    const now = this.clock.now()
    const day = localDateOf(now, this.timeZone)
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    const run = await currentRun(this.db, place, localToInstant(y, m, d, this.timeZone).toISOString(), rule.params.minRating, this.reader)
    if (run.ids.length < rule.params.runLength) return
    await this.raise({
      kind: 'praise_run',
      // The run is named by the rating that broke the previous one: a longer run is still the same run.
      dedupKey: `praise_run:${placeKey(place)}:${day}:${run.breakId}`,
      place,
      facts: { n: run.ids.length, minRating: rule.params.minRating },
      responseIds: run.ids,
    })
  }

  private async checkSilence(now: Date) {
    const kiosks = await activeKioskRows(this.db)
    const day = localDateOf(now, this.timeZone)
    const [y, m, d] = day.split('-').map(Number) as [number, number, number]
    const [oh, om] = this.hours.open.split(':').map(Number) as [number, number]
    const openedAt = new Date(localToInstant(y, m, d, this.timeZone, oh).getTime() + om * 60_000)
    const desks = new Map<number, { agencyId: number; anyHeard: boolean }>()
    for (const k of kiosks) {
      const place = { agencyId: k.agency_id, deskId: k.desk_id }
      const rule = await this.ruleFor('silence', place)
      const desk = desks.get(k.desk_id) ?? desks.set(k.desk_id, { agencyId: k.agency_id, anyHeard: false }).get(k.desk_id)!
      if (!rule.enabled) continue
      const seen = k.last_seen_at ?? k.paired_at!
      // A tablet quiet since before today's opening counts from the opening, not from last night.
      const quietSince = Math.max(new Date(seen).getTime(), openedAt.getTime())
      const minutes = Math.floor((now.getTime() - quietSince) / 60_000)
      if (minutes < rule.params.tabletMinutes) {
        desk.anyHeard = true
        continue
      }
      await this.raise({
        kind: 'silence',
        dedupKey: `silence:kiosk:${k.id}:${seen}`,
        place,
        kioskId: k.id,
        facts: { kioskName: k.name, minutes, lastSeenAt: seen },
        responseIds: [],
      })
    }
    // A desk whose tablet answers but where nobody rates: the tablet may be switched to another screen or hidden.
    for (const [deskId, desk] of desks) {
      if (!desk.anyHeard) continue
      const place = { agencyId: desk.agencyId, deskId }
      const rule = await this.ruleFor('silence', place)
      if (!rule.enabled) continue
      const last = await lastRatingAt(this.db, deskId)
      const quietSince = Math.max(last ? new Date(last).getTime() : 0, openedAt.getTime())
      const minutes = Math.floor((now.getTime() - quietSince) / 60_000)
      if (minutes < rule.params.deskMinutes) continue
      await this.raise({
        kind: 'silence',
        dedupKey: `silence:desk:${deskId}:${new Date(quietSince).toISOString()}`,
        place,
        facts: { minutes, lastRatingAt: last },
        responseIds: [],
      })
    }
  }

  private async checkIndexDrop(now: Date) {
    const agencies = await listAgencies(this.db)
    const byAgency = new Map<number, { recent: { n: number; satisfied: number }; before: { n: number; satisfied: number } }>()
    // Agencies may differ in their windows; the common case (one deployment-wide rule) needs two queries.
    const windows = new Map<string, number[]>()
    for (const a of agencies.filter((a) => a.active)) {
      const rule = await this.ruleFor('index_drop', { agencyId: a.id, deskId: null })
      if (!rule.enabled) continue
      const key = `${rule.params.days}|${rule.params.previousWeeks}`
      windows.set(key, [...(windows.get(key) ?? []), a.id])
    }
    for (const [key, ids] of windows) {
      const [days, weeks] = key.split('|').map(Number) as [number, number]
      const recentFrom = new Date(now.getTime() - days * 86_400_000)
      const beforeFrom = new Date(recentFrom.getTime() - weeks * 7 * 86_400_000)
      const recent = new Map((await ratingCountsByAgency(this.db, recentFrom.toISOString(), now.toISOString())).map((r) => [r.agency_id, r]))
      const before = new Map((await ratingCountsByAgency(this.db, beforeFrom.toISOString(), recentFrom.toISOString())).map((r) => [r.agency_id, r]))
      for (const id of ids) {
        const r = recent.get(id)
        const b = before.get(id)
        byAgency.set(id, { recent: { n: Number(r?.n ?? 0), satisfied: Number(r?.satisfied ?? 0) }, before: { n: Number(b?.n ?? 0), satisfied: Number(b?.satisfied ?? 0) } })
      }
    }
    const day = localDateOf(now, this.timeZone)
    for (const [agencyId, c] of byAgency) {
      const rule = await this.ruleFor('index_drop', { agencyId, deskId: null })
      if (!isIndexDrop(c.recent, c.before, rule.params)) continue
      await this.raise({
        kind: 'index_drop',
        dedupKey: `index_drop:agency:${agencyId}:${day}`,
        place: { agencyId, deskId: null },
        facts: {
          days: rule.params.days,
          previousWeeks: rule.params.previousWeeks,
          recentN: c.recent.n,
          recentIndex: ratingIndex(c.recent.n, c.recent.satisfied),
          beforeN: c.before.n,
          beforeIndex: ratingIndex(c.before.n, c.before.satisfied),
        },
        responseIds: [],
      })
    }
  }

  /** Stores the alert with its outbox rows and audit entry in one transaction, unless its key was raised already. */
  private async raise(a: { kind: AlertKind; dedupKey: string; place: Place; kioskId?: number; facts: Record<string, unknown>; responseIds: number[] }) {
    const now = this.clock.now()
    const at = now.toISOString()
    const id = await inTransaction(this.db, async (trx) => {
      const id = await insertAlert(trx, {
        kind: a.kind,
        dedup_key: a.dedupKey,
        agency_id: a.place.agencyId,
        desk_id: a.place.deskId,
        kiosk_id: a.kioskId ?? null,
        owner_user_id: null,
        facts: JSON.stringify(a.facts),
        response_ids: JSON.stringify(a.responseIds),
        raised_at: at,
        acknowledged_at: null,
        resolved_at: null,
        closing_note: null,
      })
      if (id === undefined) return undefined
      await insertOutbox(
        trx,
        outboxTargets(this.delivery).map((t) => ({ alertId: id, ...t, at })),
      )
      await appendAudit(trx, { actor: 'system', action: 'alert.raise', target: `alert:${id}`, details: { kind: a.kind, agency: a.place.agencyId, desk: a.place.deskId } }, now)
      return id
    })
    if (id === undefined) return
    this.hub.publish({ type: 'alert', agencyIds: [a.place.agencyId], alertId: id })
    void this.deliverer.run().catch((e) => console.error('alert delivery:', e))
  }
}
