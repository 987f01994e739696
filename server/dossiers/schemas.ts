import { z } from 'zod'
import { NATIONAL_EXAMPLE, NATIONAL_FORMAT } from '../domain/dossier-code.ts'

/** How many dossier events one call may carry: a busy centre's day. */
export const MAX_DOSSIER_EVENTS = 1000

const Code = z.string().trim().min(1).max(64)

/** The fields a dossier event and a receipt-code request share (what the one-stop software knows). */
export const dossierFields = {
  dossier: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .describe(`Dossier code (mã hồ sơ), format ${NATIONAL_FORMAT} (Thông tư 04/2025/TT-VPCP), e.g. ${NATIONAL_EXAMPLE}; stored only as a salted hash`),
  procedure: Code.optional().describe('Administrative procedure code (mã thủ tục)'),
  desk: Code.optional().describe('Desk code (mã quầy); with `agency` when the code is not unique'),
  agency: Code.optional().describe('Agency code (mã cơ quan): the key’s agency or one of its sub-agencies'),
  officer: Code.optional().describe('The receiving officer’s opaque code in the one-stop software (never a name)'),
}

export const DossierEvent = z
  .object({
    type: z.enum(['received', 'returned']).describe('received: the desk took the dossier; returned: the result was handed back'),
    at: z.iso.datetime({ offset: true }).describe('When it happened (ISO 8601 with offset)'),
    ...dossierFields,
    receivedAt: z.iso.datetime({ offset: true }).optional().describe('With a `returned` event: when the dossier was received, if not reported before'),
  })
  .strict()
  .refine((e) => e.desk !== undefined || e.agency !== undefined, { message: 'desk or agency is required', path: ['desk'] })
export type DossierEvent = z.infer<typeof DossierEvent>

export const DossierEventBatch = z.object({ events: z.array(DossierEvent).min(1).max(MAX_DOSSIER_EVENTS) }).strict()

export const DossierEventResult = z.object({
  index: z.number().int().describe('Position in `events`'),
  status: z
    .enum(['created', 'updated', 'duplicate', 'conflict'])
    .describe(
      'created: a new dossier; updated: new facts on a known dossier; duplicate: already known (counts once); conflict: contradicts what was reported before, nothing changed',
    ),
  message: z.object({ vi: z.string(), en: z.string() }).optional(),
})
export const DossierEventResults = z.object({ results: z.array(DossierEventResult) })
export type DossierEventResult = z.infer<typeof DossierEventResult>
