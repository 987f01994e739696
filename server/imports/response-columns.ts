/**
 * The fixed columns of the raw-responses file, before one column per question: what the paper-entry
 * import requires and the export writes. A module of its own so the export does not load the importer.
 */
export const RESPONSE_COLUMNS = ['submission_id', 'survey', 'agency', 'desk', 'channel', 'submitted_at'] as const
