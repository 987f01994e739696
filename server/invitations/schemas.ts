import { z } from 'zod'
import { dossierFields } from '../dossiers/schemas.ts'
import { SurveyRef } from '../domain/vocabulary-schemas.ts'

/** How many receipt codes one call may mint: a day's receipts at a busy centre. */
export const MAX_INVITATIONS = 1000
export const DEFAULT_EXPIRY_DAYS = 30
export const MAX_EXPIRY_DAYS = 365

const Code = z.string().trim().min(1).max(64)
const QrFormat = z.enum(['svg', 'png'])
/** What a caller gets without asking: SVG prints sharp at any size and costs a tenth of a PNG. */
export const DEFAULT_QR: Array<z.infer<typeof QrFormat>> = ['svg']
const QrFormats = z
  .array(QrFormat)
  .max(2)
  .optional()
  .describe('QR formats to return; default ["svg"]. ["png"] or ["svg","png"] for PNG images (slower: about ten times an SVG); [] returns links only.')

/** One receipt code as the one-stop software asks for it. The agency is the key's or one below it. */
const fields = {
  desk: Code.optional().describe('Desk code (mã quầy); with `agency` when the code is not unique'),
  agency: Code.optional().describe('Agency code (mã cơ quan): the key’s agency or one of its sub-agencies'),
  dossier: dossierFields.dossier.optional(),
  officer: dossierFields.officer,
  receivedAt: z.iso.datetime({ offset: true }).optional().describe('When the dossier was received (with `dossier`): recorded as its `received` event'),
  procedure: Code.optional().describe('Administrative procedure code (mã thủ tục)'),
  survey: SurveyRef.optional().describe('Questionnaire; default the desk’s, else the newest published mot-cua'),
  expiresAt: z.iso.datetime({ offset: true }).optional().describe('When the code stops working; default in 30 days'),
  expiresInDays: z.number().int().min(1).max(MAX_EXPIRY_DAYS).optional(),
}
const whereGiven = (r: { desk?: string; agency?: string }) => r.desk !== undefined || r.agency !== undefined
const whereMissing = { message: 'desk or agency is required', path: ['desk'] }
export const InvitationRequest = z.object(fields).strict().refine(whereGiven, whereMissing)
export type InvitationRequest = z.infer<typeof InvitationRequest>

export const InvitationInput = z
  .object({ ...fields, qr: QrFormats })
  .strict()
  .refine(whereGiven, whereMissing)
export const InvitationBatchInput = z.object({ items: z.array(InvitationRequest).min(1).max(MAX_INVITATIONS), qr: QrFormats }).strict()

export const InvitationCreated = z.object({
  token: z.string().describe('rcpt_…: the receipt code, shown only in this answer'),
  link: z.url().describe('<base>/r/<token>: print it, or its QR, on the receipt'),
  expiresAt: z.iso.datetime(),
  agency: z.string(),
  desk: z.string().nullable(),
  survey: z.string().describe('instrument@version'),
  qr: z.object({
    svg: z.string().optional().describe('<svg …>: the QR code of `link`; given unless `qr` leaves it out'),
    png: z.string().optional().describe('data:image/png;base64,…: only when `qr` asks for "png"'),
  }),
})
export type InvitationCreated = z.infer<typeof InvitationCreated>
export const InvitationBatchCreated = z.object({ items: z.array(InvitationCreated) })
