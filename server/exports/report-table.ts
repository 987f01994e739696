import type { Report, UnitReport } from '../reports/service.ts'
import type { SurveyDefinition } from '../domain/survey-definition.ts'
import { questionsOf } from '../domain/questions.ts'
import { AGENCY_KIND_TEXT, type AgencyKind } from '../domain/vocabulary.ts'

export type Cell = string | number | null

/** The ranking as rows with Vietnamese headers: shared by the CSV and XLSX exports and the print view. */
export function rankingTable(report: Report, def: SurveyDefinition): { header: string[]; rows: Cell[][] } {
  const elements = def.index.method === 'share' ? (def.index.elements ?? []) : []
  const criteria = def.index.method === 'share' ? def.index.criteria : def.index.indicators
  const header = [
    'Hạng',
    'Thay đổi hạng',
    'Hạng trong nhóm',
    'Mã cơ quan',
    'Tên cơ quan',
    'Loại',
    def.index.method === 'points' ? 'Tổng điểm' : 'Chỉ số hài lòng (%)',
    'Thay đổi chỉ số',
    'Số phiếu (n)',
    'KTC 95% - dưới',
    'KTC 95% - trên',
    'Đủ mẫu',
    ...elements.map((e) => `Yếu tố: ${e.text.vi}`),
    // The criterion's question as citizens read it; its id stays in front for files read by programs.
    ...criteria.map((c) => `Tiêu chí ${c}: ${questionsOf(def).find((q) => q.id === c)?.text.vi ?? c}`),
  ]
  const rows = report.units.map((u: UnitReport): Cell[] => [
    u.rank,
    u.rankChange,
    u.rankInKind,
    u.agency,
    u.name,
    AGENCY_KIND_TEXT[u.kind as AgencyKind]?.vi ?? u.kind,
    u.index,
    u.indexChange,
    u.n,
    u.ci95?.[0] ?? null,
    u.ci95?.[1] ?? null,
    u.sufficient ? 'có' : 'chưa đủ mẫu',
    ...elements.map((e) => u.elements[e.id] ?? null),
    ...criteria.map((c) => u.criteria[c] ?? null),
  ])
  return { header, rows }
}
