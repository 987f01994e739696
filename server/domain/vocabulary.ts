/**
 * The words every layer shares, each listed once; the types are derived from the lists. No imports on
 * purpose: the kiosk and the web app take these too, and must not pull in the schema library. The Zod
 * schemas built from them (for validation at the edge) are in vocabulary-schemas.ts.
 */

/** How a response reached us. */
export const CHANNELS = ['paper', 'kiosk', 'qr', 'web'] as const
export type Channel = (typeof CHANNELS)[number]
/** A channel's name on screens and in exports. */
export const CHANNEL_TEXT: Record<Channel, { vi: string; en: string }> = {
  kiosk: { vi: 'Máy tại quầy', en: 'Desk tablet' },
  qr: { vi: 'Mã QR', en: 'QR code' },
  paper: { vi: 'Phiếu giấy', en: 'Paper form' },
  web: { vi: 'Trực tuyến', en: 'Online' },
}

/** The channels a desk can be given its own questionnaire for. */
export const ASSIGNABLE_CHANNELS = ['kiosk', 'qr', 'receipt'] as const
export type AssignableChannel = (typeof ASSIGNABLE_CHANNELS)[number]

export const AGENCY_KINDS = ['province', 'department', 'commune', 'other'] as const
export type AgencyKind = (typeof AGENCY_KINDS)[number]
/** An agency kind's name, singular (a report's column, a form's choice). */
export const AGENCY_KIND_TEXT: Record<AgencyKind, { vi: string; en: string }> = {
  province: { vi: 'Tỉnh', en: 'Province' },
  department: { vi: 'Sở, ban, ngành', en: 'Department' },
  commune: { vi: 'UBND xã, phường', en: 'Commune' },
  other: { vi: 'Khác', en: 'Other' },
}

export const ROLES = ['admin', 'manager', 'viewer'] as const
export type Role = (typeof ROLES)[number]

export const SURVEY_STATUSES = ['draft', 'published', 'retired'] as const
export type SurveyStatus = (typeof SURVEY_STATUSES)[number]

/** An instrument id (`mot-cua`), also the shape of question and option ids. */
export const INSTRUMENT_ID = /^[a-z0-9][a-z0-9_-]*$/
/** A survey version key, `instrument@version` (`mot-cua@1`); groups 1 and 2 are the two parts. */
export const SURVEY_KEY = /^([a-z0-9][a-z0-9_-]*)@([1-9][0-9]{0,5})$/
/** An instrument or a version key (`sipas-2017`, `sipas-2017@1`). */
export const SURVEY_REF = /^[a-z0-9][a-z0-9_-]*(@[1-9][0-9]{0,5})?$/
/** A quarter (`2026-Q1`) or a year (`2026`). */
export const PERIOD_KEY = /^\d{4}(-Q[1-4])?$/
export const AGENCY_CODE = /^[A-Za-z0-9_-]{1,64}$/
export const DESK_CODE = /^[A-Za-z0-9_-]{1,32}$/

/**
 * What the kiosk can say aloud (issue 21): its fixed screens and each face by its value on the rating
 * scale. A spoken clip belongs to one (language, prompt); the kiosk, the admin page and the API use this list.
 */
export const SPOKEN_PROMPTS = ['idle', 'rate', 'face.1', 'face.2', 'face.3', 'face.4', 'face.5', 'details', 'thanks'] as const
export type SpokenPrompt = (typeof SPOKEN_PROMPTS)[number]

/** The audio formats a spoken clip may be in, recognised by their first bytes (domain/audio-clip.ts). */
export const AUDIO_TYPES = ['audio/webm', 'audio/ogg', 'audio/mpeg', 'audio/wav', 'audio/mp4'] as const
export type AudioType = (typeof AUDIO_TYPES)[number]
