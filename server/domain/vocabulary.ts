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

/** What an alert can be about; its name on the rules page, in the alert list and in notifications. */
export const ALERT_KINDS = ['unhappy_burst', 'silence', 'index_drop', 'praise_run'] as const
export type AlertKind = (typeof ALERT_KINDS)[number]
export const ALERT_KIND_TEXT: Record<AlertKind, { vi: string; en: string }> = {
  unhappy_burst: { vi: 'Nhiều đánh giá không hài lòng', en: 'Burst of unhappy ratings' },
  silence: { vi: 'Quầy hoặc máy im lặng trong giờ làm việc', en: 'Desk or tablet silent in opening hours' },
  index_drop: { vi: 'Chỉ số giảm so với các tuần trước', en: 'Index dropped against previous weeks' },
  praise_run: { vi: 'Khen: chuỗi đánh giá rất hài lòng', en: 'Praise: a run of very satisfied ratings' },
}

/** A tablet's state in the fleet (kiosks/opening-hours.ts says which); its name on the live page and the fleet list. */
export type KioskStatus = 'ok' | 'silent' | 'unpaired' | 'revoked'
export const KIOSK_STATUS_TEXT: Record<KioskStatus, { vi: string; en: string }> = {
  ok: { vi: 'Hoạt động', en: 'Working' },
  silent: { vi: 'Im lặng', en: 'Silent' },
  unpaired: { vi: 'Chưa ghép nối', en: 'Not paired' },
  revoked: { vi: 'Đã thu hồi', en: 'Revoked' },
}

/** The reasons a rating may be excluded from the index for; the report counts exclusions by these. */
export const EXCLUSION_REASONS = ['spam', 'fraud', 'duplicate', 'staff_rating', 'test', 'other'] as const
export type ExclusionReason = (typeof EXCLUSION_REASONS)[number]

export const EXCLUSION_REASON_TEXT: Record<ExclusionReason, { vi: string; en: string }> = {
  spam: { vi: 'Rác, vô nghĩa', en: 'Spam, meaningless' },
  fraud: { vi: 'Gian lận', en: 'Fraud' },
  duplicate: { vi: 'Trùng lặp', en: 'Duplicate' },
  staff_rating: { vi: 'Cán bộ tự đánh giá', en: 'Rated by staff themselves' },
  test: { vi: 'Dữ liệu thử', en: 'Test data' },
  other: { vi: 'Lý do khác', en: 'Other reason' },
}

/** Why an automatic signal held a rating back for review. */
export const FLAG_REASON_TEXT: Record<string, { vi: string; en: string }> = {
  burst: { vi: 'Quá nhiều đánh giá trong một phút', en: 'Too many ratings within a minute' },
  arrival_burst: { vi: 'Quá nhiều đánh giá đến cùng lúc', en: 'Too many ratings arriving at once' },
  top_run: { vi: 'Chuỗi dài toàn điểm cao nhất tại một quầy', en: 'A long run of top ratings at one desk' },
  after_hours: { vi: 'Ngoài giờ làm việc của quầy', en: 'Outside the desk’s opening hours' },
  stale: { vi: 'Thời điểm đánh giá quá cũ', en: 'Given too long ago' },
  ip_rate: { vi: 'Quá nhiều đánh giá từ một địa chỉ', en: 'Too many ratings from one address' },
  no_cookie: { vi: 'Không có cookie trình duyệt, vượt giới hạn theo địa chỉ', en: 'No browser cookie, over the per-address limit' },
  honeypot: { vi: 'Điền vào ô ẩn (máy tự động)', en: 'Filled the hidden field (a robot)' },
}
