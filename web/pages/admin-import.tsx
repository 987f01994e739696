import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { api, ApiError } from '../lib/api.ts'

interface Result {
  dryRun: boolean
  imported: number
  alreadyPresent: number
  rejected: number
  rows: Array<{ row: number; column: string; code: string; message: { vi: string; en: string } }>
}

/** Paper forms typed into a spreadsheet: preview every row's problems, then import all rows or none. */
export function AdminImportPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const [file, setFile] = useState<File | null>(null)
  const [result, setResult] = useState<Result | null>(null)
  const [error, setError] = useState<{ message: string; fields: Record<string, string> } | null>(null)
  const send = async (dryRun: boolean) => {
    if (!file) return
    const form = new FormData()
    form.set('file', file)
    setError(null)
    try {
      setResult(await api<Result>(`/api/v1/admin/imports/responses${dryRun ? '?dryRun=1' : ''}`, { method: 'POST', body: form, csrf: auth?.csrfToken }))
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as unknown as Result & { error: { message: { vi: string; en: string } } }) : null
      if (body?.rows) setResult(body)
      setError({ message: body?.error.message[lang] ?? String(e), fields: {} })
    }
  }
  return (
    <>
      <h1>{vi ? 'Nhập phiếu giấy' : 'Paper entry'}</h1>
      <section class="card">
        <p>
          {vi
            ? 'Tệp CSV hoặc XLSX theo mẫu: submission_id, survey, agency, desk, channel, submitted_at, rồi các cột mã câu hỏi.'
            : 'A CSV or XLSX file: submission_id, survey, agency, desk, channel, submitted_at, then one column per question id.'}
        </p>
        <label for="paper-file">{vi ? 'Chọn tệp' : 'Choose a file'}</label>
        <input id="paper-file" type="file" accept=".csv,.xlsx" onChange={(e) => (setFile((e.target as HTMLInputElement).files?.[0] ?? null), setResult(null))} />
        <div class="actions-row">
          <button type="button" disabled={!file} onClick={() => send(true)}>
            {vi ? 'Kiểm tra trước' : 'Preview'}
          </button>
          <button type="button" disabled={!file || !result || result.rows.length > 0 || !result.dryRun} onClick={() => send(false)}>
            {vi ? 'Nhập tất cả' : 'Import all'}
          </button>
        </div>
      </section>
      <FormError error={error} />
      {result ? (
        <section class="card" aria-live="polite">
          <p>
            {result.dryRun ? (vi ? 'Kết quả kiểm tra: ' : 'Preview: ') : vi ? 'Đã nhập: ' : 'Imported: '}
            {vi ? 'mới' : 'new'} {result.imported}, {vi ? 'đã có' : 'already present'} {result.alreadyPresent}, {vi ? 'lỗi' : 'rejected'} {result.rejected}
          </p>
          {result.rows.length ? (
            <DataTable caption={vi ? 'Các dòng lỗi (không dòng nào được ghi)' : 'Rows with errors (nothing was written)'} columns={[vi ? 'Dòng' : 'Row', vi ? 'Cột' : 'Column', vi ? 'Lý do' : 'Reason']}>
              {result.rows.map((r, i) => (
                <tr key={i}>
                  <td class="num">{r.row}</td>
                  <td>{r.column}</td>
                  <td>{r.message[lang]}</td>
                </tr>
              ))}
            </DataTable>
          ) : null}
        </section>
      ) : null}
    </>
  )
}
