import { z } from 'zod'
import { SurveyKey } from './vocabulary-schemas.ts'

/**
 * What a kiosk, phone or integration sends for one response. Agency, desk and channel are not here on
 * purpose: they come from the credential that submits, never from the client.
 */
export const SubmissionInput = z
  .object({
    submissionId: z.uuid(),
    survey: SurveyKey,
    answers: z.unknown(),
    /** When the citizen answered (kiosks freeze it at the tap, so offline answers keep their time). */
    givenAt: z.iso.datetime({ offset: true }).optional(),
    procedure: z.string().trim().min(1).max(64).optional(),
    /** Honeypot: a hidden field people never fill in. */
    website: z.string().max(200).optional(),
  })
  .strict()
export type SubmissionInput = z.infer<typeof SubmissionInput>

export const MAX_BATCH = 500
export const BatchInput = z.object({ items: z.array(z.unknown()).min(1).max(MAX_BATCH) }).strict()

export type SubmissionStatus = 'created' | 'duplicate' | 'conflict' | 'invalid'
