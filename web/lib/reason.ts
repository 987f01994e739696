import type { LocalizedText } from '../../server/domain/text.ts'
import { ApiError } from './api.ts'
import { strings } from './strings.ts'

/**
 * Why a request failed, in words: the server's reason, or else what the browser saw (no answer at all,
 * or an answer without one), never a bare status code.
 */
export function reasonOf(error: unknown): LocalizedText {
  if (error instanceof ApiError && error.body) return error.body.error.message
  return error instanceof ApiError && error.status > 0 ? strings.serverFailed(error.status) : strings.cannotReach
}
