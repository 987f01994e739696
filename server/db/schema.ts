import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely'

/**
 * The tables as both databases return them: booleans are 0/1 integers, instants are ISO 8601 UTC
 * strings (`2026-03-31T16:30:00.000Z`, which sort as they compare), JSON is text.
 */
export interface Database {
  agencies: AgencyTable
  desks: DeskTable
  survey_versions: SurveyVersionTable
  responses: ResponseTable
  answers: AnswerTable
  rollups: RollupTable
}

export type AgencyKind = 'province' | 'department' | 'commune' | 'other'
export type Channel = 'paper' | 'kiosk' | 'qr' | 'web'

export interface AgencyTable {
  id: Generated<number>
  code: string
  name: string
  parent_id: number | null
  kind: AgencyKind
  active: ColumnType<number, number | undefined, number>
  created_at: string
  updated_at: string
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
  created_at: string
}

export type SurveyStatus = 'draft' | 'published' | 'retired'
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
}

export interface AnswerTable {
  response_id: number
  question_id: string
  /** Ratings and points. */
  value_num: number | null
  /** Choice option ids (one row per option) and free text. */
  value_text: string | null
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

export type Agency = Selectable<AgencyTable>
export type NewAgency = Insertable<AgencyTable>
export type AgencyUpdate = Updateable<AgencyTable>
export type Desk = Selectable<DeskTable>
export type SurveyVersionRow = Selectable<SurveyVersionTable>
export type ResponseRow = Selectable<ResponseTable>
export type NewResponse = Insertable<ResponseTable>
export type AnswerRow = Selectable<AnswerTable>
export type RollupRow = Selectable<RollupTable>
