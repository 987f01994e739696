// The catalog lives in the domain: language packs translate it and their completeness is reported from it.
export { surveyStrings as strings } from '../../server/domain/citizen-strings/survey.ts'
