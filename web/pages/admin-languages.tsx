import { useState } from 'preact/hooks'
import { DataTable } from '../components/data-table.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface Missing {
  id: string
  vi: string
}
interface Report {
  code: string
  name: string
  nameVi: string
  ui: { total: number; missing: Missing[] }
  surveys: Array<{ survey: string; title: string; total: number; missing: Missing[] }>
  unused: string[]
}
interface Agencies {
  agencies: Array<{ name: string; desks: Array<{ id: number; name: string; active: boolean; language: string | null }> }>
}

/**
 * A province's languages for citizens: a translations file uploaded per language, which desks show it first,
 * and what each pack still lacks (the citizen sees the Vietnamese text there, never a blank).
 */
export function AdminLanguagesPage() {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const report = useFetch<{ packs: Report[] }>('/api/v1/admin/languages')
  const agencies = useFetch<Agencies>('/api/v1/admin/agencies')
  const upload = useAction()
  const choose = useAction()
  const [uploaded, setUploaded] = useState('')
  const [unreadable, setUnreadable] = useState('')
  const [desk, setDesk] = useState('')
  const [language, setLanguage] = useState('')
  const [chosen, setChosen] = useState('')
  const packs = report.data?.packs ?? []
  const desks = (agencies.data?.agencies ?? []).flatMap((a) => a.desks.map((d) => ({ ...d, label: `${a.name} — ${d.name}` })))
  const nameOf = (code: string | null) => (code ? (packs.find((p) => p.code === code)?.nameVi ?? code) : 'Tiếng Việt')
  // A key inside the file is named whole (the last segment alone, `start`, would say nothing).
  const fileKeys = Object.fromEntries(
    Object.keys(upload.error?.fields ?? {})
      .filter((f) => /^(ui|surveys)\./.test(f))
      .map((f) => [f, f.startsWith('ui.') ? `${vi ? 'Chuỗi giao diện' : 'Interface string'} ${f.slice(3)}` : `${vi ? 'Bản dịch phiếu' : 'Survey translation'} ${f.slice(8)}`]),
  )
  const labels = {
    ...fileKeys,
    code: vi ? 'Mã ngôn ngữ' : 'Language code',
    name: vi ? 'Tên ngôn ngữ (bằng chính ngôn ngữ đó)' : 'Language name (in itself)',
    nameVi: vi ? 'Tên tiếng Việt' : 'Vietnamese name',
  }

  return (
    <>
      <h1>{vi ? 'Ngôn ngữ cho người dân' : 'Languages for citizens'}</h1>
      <section class="card">
        <h2>{vi ? 'Tải lên tệp ngôn ngữ' : 'Upload a language file'}</h2>
        <p class="muted">
          {vi
            ? 'Tệp JSON gồm mã, tên, các chuỗi giao diện (ui) và bản dịch phiếu khảo sát (surveys). Tệp cùng mã thay tệp cũ. Chuỗi nào còn thiếu, người dân thấy bằng tiếng Việt.'
            : 'A JSON file with the code, names, interface strings (ui) and survey translations (surveys). A file with the same code replaces the old one. Anything missing shows in Vietnamese.'}
        </p>
        <div class="filters">
          <div class="filter">
            <label for="lp-file">{vi ? 'Tệp ngôn ngữ (.json)' : 'Language file (.json)'}</label>
            <input
              id="lp-file"
              type="file"
              accept=".json,application/json"
              onChange={async (e) => {
                const file = (e.target as HTMLInputElement).files?.[0]
                setUploaded('')
                setUnreadable('')
                if (!file) return
                let body: unknown
                try {
                  body = JSON.parse(await file.text())
                } catch {
                  return setUnreadable(vi ? `Tệp ${file.name} không phải JSON hợp lệ` : `${file.name} is not valid JSON`)
                }
                const r = await upload.run<{ code: string }>('PUT', '/api/v1/admin/languages', body)
                if (r) {
                  setUploaded(vi ? `Đã lưu gói ngôn ngữ từ tệp ${file.name}` : `Saved the language pack from ${file.name}`)
                  report.reload()
                }
              }}
            />
          </div>
        </div>
        {unreadable ? (
          <p class="form-error" role="alert">
            {unreadable}
          </p>
        ) : null}
        <FormError error={upload.error} labels={labels} />
        <p role="status">{uploaded}</p>
      </section>

      <section class="card">
        <h2>{vi ? 'Ngôn ngữ hiện trước tại quầy' : 'Language a desk shows first'}</h2>
        <form
          class="filters"
          onSubmit={async (e) => {
            e.preventDefault()
            setChosen('')
            const r = await choose.run('PUT', `/api/v1/admin/languages/desks/${desk}`, { language: language || null })
            if (r) {
              setChosen(vi ? `Máy tính bảng và mã QR của quầy hiện ${nameOf(language || null)} trước` : `The desk’s tablets and QR link now show ${nameOf(language || null)} first`)
              agencies.reload()
            }
          }}
        >
          <div class="filter">
            <label for="lp-desk">{vi ? 'Quầy' : 'Desk'}</label>
            <select id="lp-desk" value={desk} onChange={(e) => setDesk((e.target as HTMLSelectElement).value)} required>
              <option value="">{vi ? '— chọn quầy —' : '— choose a desk —'}</option>
              {desks.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.label} ({nameOf(d.language)})
                </option>
              ))}
            </select>
          </div>
          <div class="filter">
            <label for="lp-language">{vi ? 'Ngôn ngữ' : 'Language'}</label>
            <select id="lp-language" value={language} onChange={(e) => setLanguage((e.target as HTMLSelectElement).value)}>
              <option value="">Tiếng Việt</option>
              {packs.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.nameVi} ({p.name})
                </option>
              ))}
            </select>
          </div>
          <button type="submit" disabled={choose.busy || !desk}>
            {vi ? 'Lưu' : 'Save'}
          </button>
        </form>
        <FormError error={choose.error} labels={{ language: vi ? 'Ngôn ngữ' : 'Language' }} />
        <p role="status">{chosen}</p>
      </section>

      <section class="card">
        <h2>{vi ? 'Mức đầy đủ của từng gói' : 'How complete each pack is'}</h2>
        {report.loading ? <p aria-busy="true">{vi ? 'Đang tải…' : 'Loading…'}</p> : null}
        {!report.loading && !packs.length ? (
          <p>{vi ? 'Chưa có gói ngôn ngữ nào. Người dân thấy tiếng Việt và tiếng Anh.' : 'No language pack yet. Citizens see Vietnamese and English.'}</p>
        ) : null}
        {packs.map((p) => (
          <article key={p.code} class="language-pack" data-pack={p.code}>
            <h3>
              {p.nameVi} ({p.name})
            </h3>
            <p>
              {vi ? 'Giao diện' : 'Interface'}: {p.ui.total - p.ui.missing.length}/{p.ui.total} {vi ? 'chuỗi đã dịch' : 'strings translated'}
              {p.surveys.map((s) => (
                <span key={s.survey}>
                  {' · '}
                  {s.title}: {s.total - s.missing.length}/{s.total}
                </span>
              ))}
            </p>
            <MissingTable
              caption={
                vi ? `Giao diện — ${p.ui.missing.length} chuỗi còn thiếu (hiện bằng tiếng Việt)` : `Interface — ${p.ui.missing.length} strings missing (shown in Vietnamese)`
              }
              missing={p.ui.missing}
              vi={vi}
            />
            {p.surveys
              .filter((s) => s.missing.length)
              .map((s) => (
                <MissingTable
                  key={s.survey}
                  caption={vi ? `${s.title} — ${s.missing.length} câu chữ còn thiếu` : `${s.title} — ${s.missing.length} texts missing`}
                  missing={s.missing}
                  vi={vi}
                />
              ))}
            {p.unused.length ? (
              <p class="form-error">
                {vi ? 'Có bản dịch cho khoá không tồn tại (không bao giờ hiện): ' : 'Translations for keys that do not exist (never shown): '}
                {p.unused.join(', ')}
              </p>
            ) : null}
          </article>
        ))}
      </section>
    </>
  )
}

function MissingTable({ caption, missing, vi }: { caption: string; missing: Missing[]; vi: boolean }) {
  if (!missing.length) return null
  return (
    <details>
      <summary>{caption}</summary>
      <DataTable caption={caption} columns={[vi ? 'Khoá trong tệp' : 'Key in the file', vi ? 'Người dân đang thấy (tiếng Việt)' : 'Citizens see now (Vietnamese)']}>
        {missing.map((m) => (
          <tr key={m.id}>
            <td>
              <code>{m.id}</code>
            </td>
            <td>{m.vi}</td>
          </tr>
        ))}
      </DataTable>
    </details>
  )
}
