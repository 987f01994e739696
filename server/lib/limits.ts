const MB = 1024 * 1024

/**
 * Every request body limit, in bytes, in one table (README: HTTP API): the body-limit middleware and the
 * upload readers take their ceilings from here.
 */
export const BODY_LIMITS = {
  /** Any API request unless listed below: far above any form, definition or sign-in. */
  default: MB,
  response: 64 * 1024,
  responseBatch: 2 * MB,
  invitation: 16 * 1024,
  invitationBatch: MB,
  dossierEvents: MB,
  paperImport: 50 * MB,
  agencyImport: MB,
  /** One spoken prompt's recording (issue 21): a few seconds of speech is far below it. */
  audioClip: MB,
  /** Its multipart request: the clip and the form's few headers. */
  audioClipUpload: MB + 64 * 1024,
} as const
