import { alreadyExists, type DomainError } from '../domain/errors.ts'
import { isUniqueViolation } from './dialect.ts'

/**
 * The one place a database refusal becomes a domain error. A unique constraint that refused a row is a
 * concurrent duplicate that passed the use case's own check (two people creating the same code at once):
 * 409, never a 500.
 */
export function fromDatabaseError(e: unknown): DomainError | undefined {
  if (isUniqueViolation(e)) return alreadyExists()
  return undefined
}
