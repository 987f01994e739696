import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'
import type { AgencyKind, AssignableChannel, Channel, Role, SurveyStatus } from '../domain/vocabulary.ts'

/**
 * The tables as both databases return them: booleans are 0/1 integers, instants are ISO 8601 UTC
 * strings (`2026-03-31T16:30:00.000Z`, which sort as they compare), JSON is text.
 */
export interface Database {
  agencies: AgencyTable
  desks: DeskTable
  language_packs: LanguagePackTable
  audio_clips: AudioClipTable
  survey_versions: SurveyVersionTable
  responses: ResponseTable
  answers: AnswerTable
  rollups: RollupTable
  agency_rollups: AgencyRollupTable
  total_rollups: TotalRollupTable
  agency_revisions: AgencyRevisionTable
  rating_minutes: RatingMinuteTable
  table_revisions: TableRevisionTable
  users: UserTable
  sessions: SessionTable
  kiosks: KioskTable
  api_keys: ApiKeyTable
  invitations: InvitationTable
  rate_limits: RateLimitTable
  login_throttle: LoginThrottleTable
  link_uses: LinkUseTable
  audit_log: AuditLogTable
  audit_head: AuditHeadTable
  settings: SettingTable
  desk_surveys: DeskSurveyTable
  alert_rules: AlertRuleTable
  alerts: AlertTable
  alert_comments: AlertCommentTable
  alert_outbox: AlertOutboxTable
  alert_deliveries: AlertDeliveryTable
  officers: OfficerTable
  dossiers: DossierTable
  desk_survey_history: DeskSurveyHistoryTable
  exclusions: ExclusionTable
  report_snapshots: ReportSnapshotTable
  period_closures: PeriodClosureTable
  frozen_rollups: FrozenRollupTable
}

export type { AgencyKind, Channel, Role, SurveyStatus }

export interface AgencyTable {
  id: Generated<number>
  code: string
  name: string
  parent_id: number | null
  kind: AgencyKind
  active: ColumnType<number, number | undefined, number>
  created_at: string
  updated_at: string
  /** Set when this agency was merged into another: its history stays here, new answers go there. */
  merged_into_id: ColumnType<number | null, number | null | undefined, number | null>
  merged_at: ColumnType<string | null, string | null | undefined, string | null>
}

export interface DeskTable {
  id: Generated<number>
  agency_id: number
  code: string
  name: string
  /** The random token in the desk's public link and poster QR code. */
  public_token: string
  /** The survey version the desk's kiosks and link use; null means the newest published `mot-cua`. */
  survey_version_id: number | null
  active: ColumnType<number, number | undefined, number>
  /** Code of the language pack its kiosks and link show first; null: Vietnamese. */
  language: ColumnType<string | null, string | null | undefined, string | null>
  created_at: string
  /** JSON `{"days":[1,…,6],"open":"07:00","close":"17:30"}`; null: Mon–Sat 07:00–17:30. */
  opening_hours: ColumnType<string | null, string | null | undefined, string | null>
}

export interface SurveyVersionTable {
  id: Generated<number>
  instrument: string
  version: number
  /** The definition as canonical JSON; never changed once published. */
  content: string
  hash: string
  status: SurveyStatus
  created_at: string
  published_at: string | null
  /** the version a draft was copied from (the publish review compares against it) */
  based_on_id: number | null
}

export interface ResponseTable {
  id: Generated<number>
  /** The client's UUID: the same id is stored once, whatever the retries. */
  submission_id: string
  survey_version_id: number
  agency_id: number
  desk_id: number | null
  channel: Channel
  procedure_code: string | null
  submitted_at: string
  received_at: string
  /** Local quarter key (`2026-Q2`) of `submitted_at` in HAILONG_TZ, the rollup bucket. */
  quarter: string
  payload_hash: string
  is_spam: ColumnType<number, number | undefined, number>
  is_flagged: ColumnType<number, number | undefined, number>
  is_test: ColumnType<number, number | undefined, number>
  flag_reason: string | null
  deleted_at: string | null
  kiosk_id: ColumnType<number | null, number | null | undefined, number | null>
  invitation_id: ColumnType<number | null, number | null | undefined, number | null>
  /** The comment's text is hidden from staff screens and exports (abuse, personal data); the rating still counts. */
  text_hidden: ColumnType<number, number | undefined, number>
  /** Stored while its quarter was closed: never added to the frozen figures. */
  is_late: ColumnType<number, number | undefined, number>
  /** Every rating at the top of its scale (the "long run of top ratings" signal). */
  is_top: ColumnType<number, number | undefined, number>
}

export interface AnswerTable {
  response_id: number
  question_id: string
  /** Ratings and points. */
  value_num: number | null
  /** Choice option ids (one row per option) and free text. */
  value_text: string | null
  /** value_text folded for search (foldForSearch: NFC, lower case); null with it. */
  value_folded: ColumnType<string | null, string | null | undefined, string | null>
}

/**
 * Counts of reportable answers per bucket, kept in the same transaction as every change to responses,
 * so reports read counts and never scan raw responses. `question_id = '*'` counts responses,
 * `value = '*'` counts responses that answered the question.
 */
export interface RollupTable {
  survey_version_id: number
  agency_id: number
  /** 0 when the response came from no desk. */
  desk_id: number
  channel: Channel
  /** '' when no procedure code is known. */
  procedure_code: string
  quarter: string
  question_id: string
  value: string
  count: number
}

/** The rollups summed over desks, channels and procedures (migration 20): what unfiltered reports read. */
export interface AgencyRollupTable {
  quarter: string
  survey_version_id: number
  agency_id: number
  question_id: string
  value: string
  count: number
}

/** The agency-level rollups summed over all agencies (migration 23): what the unfiltered trend reads. */
export interface TotalRollupTable {
  quarter: string
  survey_version_id: number
  question_id: string
  value: string
  count: number
}

/** Moves with an agency's rollup cells (migration 25): equal revisions, equal cells. */
export interface AgencyRevisionTable {
  quarter: string
  survey_version_id: number
  agency_id: number
  revision: number
}

/** Counted `overall` ratings per desk (0: none), minute (`YYYY-MM-DDTHH:MM`, UTC) and value (migration 2026-12-02.2). */
export interface RatingMinuteTable {
  desk_id: number
  agency_id: number
  minute: string
  value: number
  count: number
}

/** Moved by a trigger on every write to the named table (migration 26). */
export interface TableRevisionTable {
  name: string
  revision: number
}

export interface UserTable {
  id: Generated<number>
  username: string
  display_name: string
  /** scrypt, with its parameters and salt: `scrypt$N$r$p$salt$hash`. */
  password_hash: string
  role: Role
  /** The agency the user may see (and its sub-agencies); null for the whole deployment (a province, or the nation). */
  agency_id: number | null
  active: ColumnType<number, number | undefined, number>
  created_at: string
  password_changed_at: string
  /** The agency the person works for (decides conflicts of interest); may differ from what they see. */
  home_agency_id: ColumnType<number | null, number | null | undefined, number | null>
}

export interface SessionTable {
  /** SHA-256 of the cookie value: a leaked database opens no session. */
  id_hash: string
  user_id: number
  csrf_token: string
  created_at: string
  expires_at: string
}

export interface KioskTable {
  id: Generated<number>
  desk_id: number
  name: string
  secret_hash: string | null
  pairing_hash: string | null
  pairing_expires_at: string | null
  paired_at: string | null
  revoked_at: string | null
  last_seen_at: string | null
  app_version: string | null
  queue_length: number | null
  last_submission_at: string | null
  created_at: string
}

export interface ApiKeyTable {
  id: Generated<number>
  agency_id: number
  name: string
  key_hash: string
  /** The first characters of the key, so staff can tell keys apart without the secret. */
  prefix: string
  created_by: number | null
  created_at: string
  revoked_at: string | null
  last_used_at: string | null
}

export interface InvitationTable {
  id: Generated<number>
  token_hash: string
  agency_id: number
  desk_id: number | null
  survey_version_id: number
  dossier_hash: string | null
  procedure_code: string | null
  api_key_id: number | null
  created_at: string
  expires_at: string
  used_at: string | null
  /** The receiving officer named when the code was minted (or by the dossier's events). */
  officer_id: ColumnType<number | null, number | null | undefined, number | null>
}

export interface OfficerTable {
  id: Generated<number>
  agency_id: number
  /** The one-stop software's opaque code for the officer. */
  code: string
  /** Entered by staff only; null shows the code. */
  display_name: string | null
  created_at: string
  updated_at: string
}

export interface DossierTable {
  id: Generated<number>
  /** Salted hash of the dossier code (never the code itself). */
  dossier_hash: string
  agency_id: number
  desk_id: number | null
  officer_id: number | null
  procedure_code: string | null
  received_at: string | null
  returned_at: string | null
  /** Local quarter of returned_at in HAILONG_TZ. */
  returned_quarter: string | null
  api_key_id: number | null
  created_at: string
  updated_at: string
}

export interface RateLimitTable {
  key: string
  window_start: string
  count: number
}

/** Sign-in attempts per account or client, in a sliding window from the last one. */
export interface LoginThrottleTable {
  key: string
  attempts: number
  last_at: string
}

export interface LinkUseTable {
  desk_id: number
  day: string
  browser_hash: string
  response_id: number
}

export interface AuditLogTable {
  id: Generated<number>
  at: string
  actor: string
  action: string
  target: string | null
  details: string | null
  prev_hash: string
  hash: string
}

export interface AuditHeadTable {
  id: number
  hash: string
}

export interface DeskSurveyTable {
  desk_id: number
  channel: AssignableChannel
  survey_version_id: number
}

export interface DeskSurveyHistoryTable {
  desk_id: number
  channel: 'kiosk' | 'qr' | 'receipt'
  survey_version_id: number
  until_at: string
}

export type ExclusionStatus = 'proposed' | 'approved' | 'rejected' | 'withdrawn'
export interface ExclusionTable {
  id: Generated<number>
  response_id: number
  reason: string
  note: string
  status: ExclusionStatus
  proposed_by: number | null
  proposed_at: string
  decided_by: number | null
  decided_at: string | null
  decision_note: string | null
  /** Approved after the response's quarter was closed: the frozen figures keep it. */
  after_close: ColumnType<number, number | undefined, number>
}

export interface ReportSnapshotTable {
  id: Generated<number>
  instrument: string
  quarter: string
  version: number
  /** The Report JSON as published, canonical: byte for byte what the closed quarter answers. */
  content: string
  hash: string
  method: string
  /** JSON array of the survey versions counted. */
  survey_versions: string
  closed_by: string
  closed_at: string
  reopened_by: string | null
  reopened_at: string | null
  reopen_reason: string | null
  published_by: string | null
  published_at: string | null
}

export interface PeriodClosureTable {
  instrument: string
  quarter: string
  snapshot_id: number | null
  published_snapshot_id: number | null
}

export interface FrozenRollupTable extends RollupTable {
  snapshot_id: number
}

export interface SettingTable {
  key: string
  value: string
}

export type AlertKind = 'unhappy_burst' | 'silence' | 'index_drop' | 'praise_run'
export type AlertState = 'new' | 'acknowledged' | 'resolved'

export interface AlertRuleTable {
  id: Generated<number>
  kind: AlertKind
  /** 'province', 'agency:<id>' or 'desk:<id>'. */
  scope_key: string
  agency_id: number | null
  desk_id: number | null
  enabled: number
  /** The rule's parameters as JSON (see domain/alert-rules.ts). */
  params: string
  updated_at: string
  updated_by: string
}

export interface AlertTable {
  id: Generated<number>
  kind: AlertKind
  /** The window, silent spell or run the alert is about: unique, so each is raised once. */
  dedup_key: string
  agency_id: number
  desk_id: number | null
  kiosk_id: number | null
  state: ColumnType<AlertState, AlertState | undefined, AlertState>
  owner_user_id: number | null
  /** What was seen (counts, share, minutes silent, index before and after) as JSON. */
  facts: string
  /** The responses that triggered it, as a JSON array of ids. */
  response_ids: string
  raised_at: string
  acknowledged_at: string | null
  resolved_at: string | null
  closing_note: string | null
}

export interface AlertCommentTable {
  id: Generated<number>
  alert_id: number
  user_id: number
  body: string
  at: string
}

export interface AlertOutboxTable {
  id: Generated<number>
  alert_id: number
  channel: 'email' | 'webhook'
  target: string
  status: ColumnType<'pending' | 'sent' | 'failed', 'pending' | 'sent' | 'failed' | undefined, 'pending' | 'sent' | 'failed'>
  attempts: ColumnType<number, number | undefined, number>
  next_attempt_at: string
  last_error: string | null
  created_at: string
  sent_at: string | null
}

export interface AlertDeliveryTable {
  id: Generated<number>
  outbox_id: number
  attempt: number
  at: string
  ok: number
  detail: string | null
}

export type User = Selectable<UserTable>
export type Kiosk = Selectable<KioskTable>
export type Invitation = Selectable<InvitationTable>
export type ApiKey = Selectable<ApiKeyTable>
export type AuditEntry = Selectable<AuditLogTable>
export type Agency = Selectable<AgencyTable>
export type NewAgency = Insertable<AgencyTable>
export type AgencyUpdate = Updateable<AgencyTable>
export type Desk = Selectable<DeskTable>
export type SurveyVersionRow = Selectable<SurveyVersionTable>
export type ResponseRow = Selectable<ResponseTable>
export type NewResponse = Insertable<ResponseTable>
export type AnswerRow = Selectable<AnswerTable>
export type RollupRow = Selectable<RollupTable>
export type Officer = Selectable<OfficerTable>
export type DossierRow = Selectable<DossierTable>

export interface LanguagePackTable {
  code: string
  /** The pack as validated (LanguagePack in domain/language-pack.ts), JSON. */
  body: string
  updated_at: string
}

export interface AudioClipTable {
  /** vi, en or a language pack's code. */
  language: string
  /** One of SPOKEN_PROMPTS (domain/vocabulary.ts). */
  prompt: string
  /** SHA-256 of the body, hex: the clip's URL, ETag and cache key. */
  hash: string
  /** Found from the body's first bytes (domain/audio-clip.ts). */
  type: string
  bytes: number
  body: Buffer
  updated_at: string
  /** The audit actor (`user:<name>`). */
  updated_by: string
}
