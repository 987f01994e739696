import { useState } from 'preact/hooks'
import type { InferResponseType } from 'hono/client'
import { FileField, SelectField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import type { ActionError } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { ApiError } from '../lib/api.ts'
import { client, clientWith, unwrap, type Res } from '../lib/client.ts'
import { s, strings } from '../lib/strings.ts'

type Send = typeof client.api.v1.admin.imports.responses.$post
/** A refused file still comes with its summary and every row's problem (a 400 the preview shows as a table). */
type Result = Res<Send> | Omit<InferResponseType<Send, 400>, 'error'>

const text = {
  title: strings.paperEntry,
  send: s('Gửi tệp đã điền', 'Send the filled-in file'),
  sendHow: s(
    'Tệp CSV hoặc XLSX theo mẫu ở trên (dòng đầu là tên cột, mỗi dòng sau là một tờ phiếu). Kiểm tra trước: không dòng nào được ghi nếu có dòng lỗi.',
    'A CSV or XLSX file following the template above (first line the column names, then one line per paper form). Preview first: nothing is written while any row has a problem.',
  ),
  chooseFile: s('Chọn tệp', 'Choose a file'),
  preview: s('Kiểm tra trước', 'Preview'),
  importAll: s('Nhập tất cả', 'Import all'),
  previewed: s('Kết quả kiểm tra:', 'Preview:'),
  imported: s('Đã nhập:', 'Imported:'),
  counts: (r: Result) => s(`mới ${r.imported}, đã có ${r.alreadyPresent}, lỗi ${r.rejected}`, `new ${r.imported}, already present ${r.alreadyPresent}, rejected ${r.rejected}`),
  badRows: s('Các dòng lỗi (không dòng nào được ghi)', 'Rows with errors (nothing was written)'),
  row: s('Dòng', 'Row'),
  column: s('Cột', 'Column'),
  reason: s('Lý do', 'Reason'),
  template: s('Mẫu tệp nhập phiếu giấy', 'Paper-entry template'),
  survey: strings.survey,
  version: s('phiên bản', 'version'),
  download: s('Tải mẫu (CSV, mở bằng Excel)', 'Download the template (CSV, opens in Excel)'),
  columns: s('Các cột của mẫu, theo thứ tự', 'The template’s columns, in order'),
  whatToWrite: s('Ghi gì', 'What to write'),
  write: s('ghi', 'write'),
}

/** Paper forms typed into a spreadsheet: preview every row's problems, then import all rows or none. */
export function AdminImportPage() {
  const { lang, auth, tr } = useApp()
  const [file, setFile] = useState<File | null>(null)
  const [result, setResult] = useState<Result | null>(null)
  const [error, setError] = useState<ActionError | null>(null)
  const send = async (dryRun: boolean) => {
    if (!file) return
    const form = new FormData()
    form.set('file', file)
    setError(null)
    try {
      // The file goes as the request's own body: the route reads it as a stream, it declares no form fields.
      setResult(await unwrap(clientWith(auth?.csrfToken).api.v1.admin.imports.responses.$post({ query: dryRun ? { dryRun: '1' } : {} }, { init: { body: form } })))
    } catch (e) {
      const body = e instanceof ApiError ? (e.body as unknown as Partial<Result> & { error?: { message: { vi: string; en: string } } }) : null
      if (body?.rows) setResult(body as Result)
      setError({ message: body?.error?.message[lang] ?? String(e), fields: {} })
    }
  }
  return (
    <>
      <h1>{tr(text.title)}</h1>
      <Template />
      <section class="card">
        <h2>{tr(text.send)}</h2>
        <p>{tr(text.sendHow)}</p>
        <FileField id="paper-file" layout="stacked" label={tr(text.chooseFile)} accept=".csv,.xlsx" onFile={(f) => (setFile(f ?? null), setResult(null))} />
        <div class="actions-row">
          <button type="button" disabled={!file} onClick={() => send(true)}>
            {tr(text.preview)}
          </button>
          <button type="button" disabled={!file || !result || result.rows.length > 0 || !result.dryRun} onClick={() => send(false)}>
            {tr(text.importAll)}
          </button>
        </div>
      </section>
      <FormError error={error} />
      {result ? (
        <section class="card" aria-live="polite">
          <p>
            {tr(result.dryRun ? text.previewed : text.imported)} {tr(text.counts(result))}
          </p>
          {result.rows.length ? (
            <DataTable caption={tr(text.badRows)} columns={[tr(text.row), tr(text.column), tr(text.reason)]}>
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

/** The template to download for a survey version, and what each of its columns means, in plain words. */
function Template() {
  const { lang, tr } = useApp()
  const surveys = useGet(client.api.v1.surveys)
  const meta = useGet(client.api.v1.dashboard.meta)
  const published = (surveys.data?.surveys ?? []).filter((x) => x.status === 'published')
  const [chosen, setChosen] = useState('')
  const key = chosen || published[0]?.key || ''
  const info = useGet(key ? client.api.v1.admin.imports.responses.template : null, { query: { survey: key } })
  const title = (instrument: string) => meta.data?.instruments.find((i) => i.id === instrument)?.title[lang] ?? instrument
  return (
    <section class="card">
      <h2>{tr(text.template)}</h2>
      <div class="filters">
        <SelectField id="tpl-survey" label={tr(text.survey)} value={key} onValue={setChosen}>
          {published.map((x) => (
            <option value={x.key} key={x.key}>
              {title(x.instrument)} — {tr(text.version)} {x.version}
            </option>
          ))}
        </SelectField>
        {key ? (
          <a class="button" href={`/api/v1/admin/imports/responses/template.csv?survey=${encodeURIComponent(key)}`} download>
            {tr(text.download)}
          </a>
        ) : null}
      </div>
      {info.data ? (
        <DataTable caption={tr(text.columns)} columns={[tr(text.column), tr(text.whatToWrite)]}>
          {info.data.columns.map((c) => (
            <tr key={c.column}>
              <th scope="row">
                <code>{c.column}</code>
              </th>
              <td>
                {c.meaning[lang]}
                {'example' in c && c.example ? (
                  <>
                    {' '}
                    — {tr(text.write)} <code>{c.example}</code>
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
