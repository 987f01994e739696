import type { SurveyDefinition } from '../domain/survey-definition.ts'
import { questionsOf } from '../domain/questions.ts'
import { s, type LocalizedText } from '../domain/text.ts'
import { RESPONSE_COLUMNS } from './response-columns.ts'

const fixed: Record<(typeof RESPONSE_COLUMNS)[number], LocalizedText> = {
  submission_id: s(
    'Số hiệu riêng của tờ phiếu, dạng UUID (ví dụ 6f1c8a4e-3b1d-4c39-9a53-0d1f4b7c2e10). Mỗi tờ phiếu một số, không trùng; nhập lại cùng tệp không bị tính hai lần.',
    'A unique id for the paper form, as a UUID (e.g. 6f1c8a4e-3b1d-4c39-9a53-0d1f4b7c2e10). One per form; importing the same file again counts nothing twice.',
  ),
  survey: s('Phiếu khảo sát và phiên bản, giữ nguyên như trong mẫu', 'The survey and its version, kept as in the template'),
  agency: s('Mã cơ quan được đánh giá (xem trang Cơ quan, quầy)', 'The code of the agency rated (see the Agencies page)'),
  desk: s('Mã quầy (để trống nếu không rõ quầy)', 'The desk code (leave empty if unknown)'),
  channel: s('Cách thu phiếu: paper (phiếu giấy), kiosk, qr hoặc web; phiếu giấy ghi paper', 'How it was collected: paper, kiosk, qr or web; paper forms say paper'),
  submitted_at: s('Ngày người dân điền phiếu, dạng năm-tháng-ngày (ví dụ 2026-04-02)', 'The day the citizen filled it in, as year-month-day (e.g. 2026-04-02)'),
}

/**
 * The paper-entry file for one survey version: its columns in order, each explained in plain words, the
 * question columns by their question text and the values they take.
 */
export function importTemplate(def: SurveyDefinition, key: string): { header: string[]; columns: Array<{ column: string; meaning: LocalizedText; example?: string }> } {
  const columns: Array<{ column: string; meaning: LocalizedText; example?: string }> = RESPONSE_COLUMNS.map((c) => ({
    column: c,
    meaning: fixed[c],
    ...(c === 'survey' ? { example: key } : c === 'channel' ? { example: 'paper' } : {}),
  }))
  for (const q of questionsOf(def)) {
    const optional = q.required ? s('bắt buộc', 'required') : s('để trống nếu không trả lời', 'leave empty if not answered')
    if (q.type === 'rating') {
      const points = def.scales[q.scale] ?? []
      columns.push({
        column: q.id,
        meaning: s(
          `${q.text.vi} — ghi một số: ${points.map((p) => `${p.value} = ${p.label.vi}`).join('; ')} (${optional.vi})`,
          `${q.text.en} — one number: ${points.map((p) => `${p.value} = ${p.label.en}`).join('; ')} (${optional.en})`,
        ),
      })
    } else if (q.type === 'points') {
      columns.push({
        column: q.id,
        meaning: s(
          `${q.text.vi} — ghi số điểm: ${q.options.map((o) => `${o.value} = ${o.text.vi}`).join('; ')} (${optional.vi})`,
          `${q.text.en} — the points: ${q.options.map((o) => `${o.value} = ${o.text.en}`).join('; ')} (${optional.en})`,
        ),
      })
    } else if (q.type === 'choice') {
      const list = q.options.map((o) => `${o.id} = ${o.text.vi}`).join('; ')
      const listEn = q.options.map((o) => `${o.id} = ${o.text.en}`).join('; ')
      columns.push({
        column: q.id,
        meaning: q.multiple
          ? s(
              `${q.text.vi} — ghi mã các lựa chọn, cách nhau bằng dấu |, ví dụ ${q.options
                .slice(0, 2)
                .map((o) => o.id)
                .join('|')}: ${list} (${optional.vi})`,
              `${q.text.en} — the option codes separated by |, e.g. ${q.options
                .slice(0, 2)
                .map((o) => o.id)
                .join('|')}: ${listEn} (${optional.en})`,
            )
          : s(`${q.text.vi} — ghi mã một lựa chọn: ${list} (${optional.vi})`, `${q.text.en} — one option code: ${listEn} (${optional.en})`),
      })
    } else {
      columns.push({
        column: q.id,
        meaning: s(
          `${q.text.vi} — chép nguyên văn, tối đa ${q.maxLength} ký tự (${optional.vi})`,
          `${q.text.en} — copied as written, at most ${q.maxLength} characters (${optional.en})`,
        ),
      })
    }
  }
  return { header: columns.map((c) => c.column), columns }
}
