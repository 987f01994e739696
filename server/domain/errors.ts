import type { LocalizedText } from './text.ts'

/** What kind of refusal an error is; the HTTP layer maps kinds to statuses, the CLI to exit codes. */
export type ErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'rate_limited'

export interface FieldIssue {
  field: string
  code: string
  message: LocalizedText
}

export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: string,
    readonly text: LocalizedText,
    readonly details?: FieldIssue[],
  ) {
    super(text.en)
    this.name = 'DomainError'
  }
}

export function invalid(details: FieldIssue[], text?: LocalizedText): DomainError {
  return new DomainError(
    'invalid',
    'validation_failed',
    text ?? { vi: 'Dữ liệu không hợp lệ', en: 'The data is not valid' },
    details,
  )
}

export function issue(field: string, code: string, vi: string, en: string): FieldIssue {
  return { field, code, message: { vi, en } }
}
