// The catalog lives in the domain: language packs translate it and their completeness is reported from it.
export { kioskStrings as strings } from '../../server/domain/citizen-strings/kiosk.ts'
