import type { SurveyDefinition } from '../domain/survey-definition.ts'
import type { Report } from '../reports/service.ts'
import { BOM, csvLine } from './csv.ts'
import { rankingTable } from './report-table.ts'

/** The report's ranking as CSV (UTF-8 with BOM, formula-like text neutralised, numbers unrounded). */
export function reportCsv(report: Report, def: SurveyDefinition): string {
  const { header, rows } = rankingTable(report, def)
  return BOM + csvLine(header) + rows.map(csvLine).join('')
}
