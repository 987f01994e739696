import { DomainError } from '../domain/errors.ts'
import { isUniqueViolation } from './dialect.ts'

/**
 * The one place a database refusal becomes a domain error. A unique constraint that refused a row is a
 * concurrent duplicate that passed the use case's own check (two people creating the same code at once):
 * 409, never a 500.
 */
export function fromDatabaseError(e: unknown): DomainError | undefined {
  if (isUniqueViolation(e))
    return new DomainError('conflict', 'already_exists', { vi: 'Đã có một bản ghi như vậy (vừa được tạo); hãy tải lại và kiểm tra', en: 'Such a record already exists (it was just created); reload and check' })
  return undefined
}
