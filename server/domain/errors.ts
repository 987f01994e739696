import type { LocalizedText } from './text.ts'

/** What kind of refusal an error is; the HTTP layer maps kinds to statuses, the CLI to exit codes. */
export type ErrorKind = 'invalid' | 'unauthorized' | 'forbidden' | 'not_found' | 'conflict' | 'gone' | 'too_large' | 'rate_limited'

/**
 * Every error code the API answers with (`error.code`), in one list: clients switch on these, so a code
 * is added here, never typed ad hoc. Field-level reasons (`details[].code`) are the validators' own.
 */
export const ERROR_CODES = [
  // input
  'validation_failed',
  'malformed_body',
  'invalid_encoding',
  'body_too_large',
  'import_rejected',
  'invalid_period',
  'heatmap_needs_rating',
  'invalid_timezone',
  'invalid_username',
  'weak_password',
  'wrong_password',
  'manager_needs_agency',
  'survey_not_allowed',
  'quarter_only',
  // who is asking
  'not_signed_in',
  'invalid_login',
  'invalid_credential',
  'invalid_api_key',
  'kiosk_not_paired',
  'forbidden',
  'out_of_scope',
  'csrf_failed',
  'cross_site_request',
  'kiosk_revoked',
  'device_revoked',
  // separation of duties (exclusions and held-back ratings)
  'admin_only',
  'own_proposal',
  'not_proposer',
  'conflict_of_interest',
  'home_agency_unknown',
  // what is asked for
  'not_found',
  'unknown_agency',
  'desk_not_found',
  'kiosk_not_found',
  'api_key_not_found',
  'alert_not_found',
  'unknown_link',
  'unknown_response',
  'unknown_survey',
  'not_published',
  // state
  'already_exists',
  'code_taken',
  'username_taken',
  'submission_conflict',
  'receipt_used',
  'published_version_immutable',
  'published_version_changed',
  'invalid_transition',
  'alert_resolved',
  'receipt_expired',
  'pairing_invalid',
  'desk_inactive',
  'exclusion_exists',
  'already_decided',
  'not_flagged',
  'quarter_not_ended',
  'quarter_closed',
  'quarter_not_closed',
  // pace
  'already_answered_today',
  'too_many_attempts',
  'too_many_requests',
  // the server
  'http_error',
  'internal_error',
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldIssue {
  field: string
  code: string
  message: LocalizedText
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    readonly text: LocalizedText,
    readonly details?: FieldIssue[],
  ) {
    super(text.en)
    this.name = 'DomainError'
  }
}

export function invalid(details: FieldIssue[], text?: LocalizedText): DomainError {
  return new DomainError('invalid', 'validation_failed', text ?? { vi: 'Dữ liệu không hợp lệ', en: 'The data is not valid' }, details)
}

export function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } }
}

// Named factories for the refusals several places give; each has one wording.

/** A request body over its route's limit (see BODY_LIMITS). */
export const tooLarge = (text: LocalizedText = { vi: 'Dữ liệu gửi lên quá lớn', en: 'The request body is too large' }) => new DomainError('too_large', 'body_too_large', text)

/** The account's role may not do this. */
export const forbidden = () => new DomainError('forbidden', 'forbidden', { vi: 'Tài khoản không có quyền này', en: 'Your account may not do this' })

/** Something outside the staff member's scope reads as missing, with no hint whether it exists. */
export const notInScope = () => new DomainError('not_found', 'not_found', { vi: 'Không tìm thấy hoặc ngoài phạm vi được xem', en: 'Not found, or outside what you may see' })

/** The one refusal for a desk that does not exist or that the staff member may not see. */
export const deskNotFound = () => new DomainError('not_found', 'desk_not_found', { vi: 'Không tìm thấy quầy', en: 'Desk not found' })

export const unknownSurvey = (text: LocalizedText = { vi: 'Không có phiếu khảo sát này', en: 'No such survey' }) => new DomainError('not_found', 'unknown_survey', text)

export const codeTaken = (vi: string, en: string) => new DomainError('conflict', 'code_taken', { vi, en })

/** A concurrent duplicate that passed the use case's own check (a unique constraint refused it). */
export const alreadyExists = () =>
  new DomainError('conflict', 'already_exists', {
    vi: 'Đã có một bản ghi như vậy (vừa được tạo); hãy tải lại và kiểm tra',
    en: 'Such a record already exists (it was just created); reload and check',
  })

/** A field naming an agency code that does not exist. */
export const unknownAgencyIssue = (field: string, code: string) => issue(field, 'unknown_agency', `Không có cơ quan mã ${code}`, `No agency with code ${code}`)
