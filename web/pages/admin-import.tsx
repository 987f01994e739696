import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
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
      <Template />
      <section class="card">
        <h2>{vi ? 'Gửi tệp đã điền' : 'Send the filled-in file'}</h2>
        <p>
          {vi
            ? 'Tệp CSV hoặc XLSX theo mẫu ở trên (dòng đầu là tên cột, mỗi dòng sau là một tờ phiếu). Kiểm tra trước: không dòng nào được ghi nếu có dòng lỗi.'
            : 'A CSV or XLSX file following the template above (first line the column names, then one line per paper form). Preview first: nothing is written while any row has a problem.'}
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
            <DataTable
              caption={vi ? 'Các dòng lỗi (không dòng nào được ghi)' : 'Rows with errors (nothing was written)'}
              columns={[vi ? 'Dòng' : 'Row', vi ? 'Cột' : 'Column', vi ? 'Lý do' : 'Reason']}
            >
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

interface TemplateInfo {
  header: string[]
  columns: Array<{ column: string; meaning: { vi: string; en: string }; example?: string }>
}

/** The template to download for a survey version, and what each of its columns means, in plain words. */
function Template() {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const surveys = useFetch<{ surveys: Array<{ key: string; instrument: string; version: number; status: string }> }>('/api/v1/surveys')
  const meta = useFetch<{ instruments: Array<{ id: string; title: { vi: string; en: string } }> }>('/api/v1/dashboard/meta')
  const published = (surveys.data?.surveys ?? []).filter((x) => x.status === 'published')
  const [chosen, setChosen] = useState('')
  const key = chosen || published[0]?.key || ''
  const info = useFetch<TemplateInfo>(key ? `/api/v1/admin/imports/responses/template?survey=${encodeURIComponent(key)}` : null)
  const title = (instrument: string) => meta.data?.instruments.find((i) => i.id === instrument)?.title[lang] ?? instrument
  return (
    <section class="card">
      <h2>{vi ? 'Mẫu tệp nhập phiếu giấy' : 'Paper-entry template'}</h2>
      <div class="filters">
        <div class="filter">
          <label for="tpl-survey">{vi ? 'Phiếu khảo sát' : 'Survey'}</label>
          <select id="tpl-survey" value={key} onChange={(e) => setChosen((e.target as HTMLSelectElement).value)}>
            {published.map((x) => (
              <option value={x.key} key={x.key}>
                {title(x.instrument)} — {vi ? 'phiên bản' : 'version'} {x.version}
              </option>
            ))}
          </select>
        </div>
        {key ? (
          <a class="button" href={`/api/v1/admin/imports/responses/template.csv?survey=${encodeURIComponent(key)}`} download>
            {vi ? 'Tải mẫu (CSV, mở bằng Excel)' : 'Download the template (CSV, opens in Excel)'}
          </a>
        ) : null}
      </div>
      {info.data ? (
        <DataTable caption={vi ? 'Các cột của mẫu, theo thứ tự' : 'The template’s columns, in order'} columns={[vi ? 'Cột' : 'Column', vi ? 'Ghi gì' : 'What to write']}>
          {info.data.columns.map((c) => (
            <tr key={c.column}>
              <th scope="row">
                <code>{c.column}</code>
              </th>
              <td>
                {c.meaning[lang]}
                {c.example ? (
                  <>
                    {' '}
                    — {vi ? 'ghi' : 'write'} <code>{c.example}</code>
                  </>
                ) : null}
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}
    </section>
  )
}
