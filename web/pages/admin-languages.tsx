import { useState } from 'preact/hooks'
import { DataTable } from '../components/data-table.tsx'
import { FileField, SelectField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { SpokenPrompts } from './spoken-prompts.tsx'

const s = (vi: string, en: string): LocalizedText => ({ vi, en })

const strings = {
  title: s('Ngôn ngữ cho người dân', 'Languages for citizens'),
  uploadTitle: s('Tải lên tệp ngôn ngữ', 'Upload a language file'),
  uploadHint: s(
    'Tệp JSON gồm mã, tên, các chuỗi giao diện (ui) và bản dịch phiếu khảo sát (surveys). Tệp cùng mã thay tệp cũ. Chuỗi nào còn thiếu, người dân thấy bằng tiếng Việt.',
    'A JSON file with the code, names, interface strings (ui) and survey translations (surveys). A file with the same code replaces the old one. Anything missing shows in Vietnamese.',
  ),
  file: s('Tệp ngôn ngữ (.json)', 'Language file (.json)'),
  notJson: s('không phải JSON hợp lệ', 'is not valid JSON'),
  notJsonFile: s('Tệp', 'The file'),
  savedFrom: s('Đã lưu gói ngôn ngữ từ tệp', 'Saved the language pack from'),
  interfaceString: s('Chuỗi giao diện', 'Interface string'),
  surveyTranslation: s('Bản dịch phiếu', 'Survey translation'),
  code: s('Mã ngôn ngữ', 'Language code'),
  name: s('Tên ngôn ngữ (bằng chính ngôn ngữ đó)', 'Language name (in itself)'),
  nameVi: s('Tên tiếng Việt', 'Vietnamese name'),
  deskTitle: s('Ngôn ngữ hiện trước tại quầy', 'Language a desk shows first'),
  deskShows: s('Máy tính bảng và mã QR của quầy hiện', 'The desk’s tablets and QR link now show'),
  first: s('trước', 'first'),
  desk: s('Quầy', 'Desk'),
  chooseDesk: s('— chọn quầy —', '— choose a desk —'),
  language: s('Ngôn ngữ', 'Language'),
  save: s('Lưu', 'Save'),
  completeTitle: s('Mức đầy đủ của từng gói', 'How complete each pack is'),
  loading: s('Đang tải…', 'Loading…'),
  noPack: s('Chưa có gói ngôn ngữ nào. Người dân thấy tiếng Việt và tiếng Anh.', 'No language pack yet. Citizens see Vietnamese and English.'),
  interface: s('Giao diện', 'Interface'),
  translated: s('chuỗi đã dịch', 'strings translated'),
  uiMissing: s('chuỗi còn thiếu (hiện bằng tiếng Việt)', 'strings missing (shown in Vietnamese)'),
  textsMissing: s('câu chữ còn thiếu', 'texts missing'),
  unused: s('Có bản dịch cho khoá không tồn tại (không bao giờ hiện): ', 'Translations for keys that do not exist (never shown): '),
  keyInFile: s('Khoá trong tệp', 'Key in the file'),
  citizensSee: s('Người dân đang thấy (tiếng Việt)', 'Citizens see now (Vietnamese)'),
}

type Missing = Res<typeof client.api.v1.admin.languages.$get>['packs'][number]['ui']['missing'][number]

/**
 * A province's languages for citizens: a translations file uploaded per language, which desks show it first,
 * and what each pack still lacks (the citizen sees the Vietnamese text there, never a blank).
 */
export function AdminLanguagesPage() {
  const { tr } = useApp()
  const report = useGet(client.api.v1.admin.languages)
  const agencies = useGet(client.api.v1.admin.agencies)
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
      .map((f) => [f, f.startsWith('ui.') ? `${tr(strings.interfaceString)} ${f.slice(3)}` : `${tr(strings.surveyTranslation)} ${f.slice(8)}`]),
  )
  const labels = {
    ...fileKeys,
    code: tr(strings.code),
    name: tr(strings.name),
    nameVi: tr(strings.nameVi),
  }

  return (
    <>
      <h1>{tr(strings.title)}</h1>
      <section class="card">
        <h2>{tr(strings.uploadTitle)}</h2>
        <p class="muted">{tr(strings.uploadHint)}</p>
        <div class="filters">
          <FileField
            id="lp-file"
            label={tr(strings.file)}
            accept=".json,application/json"
            onFile={async (file) => {
              setUploaded('')
              setUnreadable('')
              if (!file) return
              let body: unknown
              try {
                body = JSON.parse(await file.text())
              } catch {
                return setUnreadable(`${tr(strings.notJsonFile)} ${file.name} ${tr(strings.notJson)}`)
              }
              const r = await upload.run<{ code: string }>('PUT', '/api/v1/admin/languages', body)
              if (r) {
                setUploaded(`${tr(strings.savedFrom)} ${file.name}`)
                report.reload()
              }
            }}
          />
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
        <h2>{tr(strings.deskTitle)}</h2>
        <form
          class="filters"
          onSubmit={async (e) => {
            e.preventDefault()
            setChosen('')
            const r = await choose.run('PUT', `/api/v1/admin/languages/desks/${desk}`, { language: language || null })
            if (r) {
              setChosen(`${tr(strings.deskShows)} ${nameOf(language || null)} ${tr(strings.first)}`)
              agencies.reload()
            }
          }}
        >
          <div class="filter">
            <label for="lp-desk">{tr(strings.desk)}</label>
            <select id="lp-desk" value={desk} onChange={(e) => setDesk((e.target as HTMLSelectElement).value)} required>
              <option value="">{tr(strings.chooseDesk)}</option>
              {desks.map((d) => (
                <option key={d.id} value={String(d.id)}>
                  {d.label} ({nameOf(d.language)})
                </option>
              ))}
            </select>
          </div>
          <SelectField id="lp-language" label={tr(strings.language)} value={language} onValue={setLanguage}>
            <option value="">Tiếng Việt</option>
            {packs.map((p) => (
              <option key={p.code} value={p.code}>
                {p.nameVi} ({p.name})
              </option>
            ))}
          </SelectField>
          <button type="submit" disabled={choose.busy || !desk}>
            {tr(strings.save)}
          </button>
        </form>
        <FormError error={choose.error} labels={{ language: tr(strings.language) }} />
        <p role="status">{chosen}</p>
      </section>

      <section class="card">
        <h2>{tr(strings.completeTitle)}</h2>
        {report.loading ? <p aria-busy="true">{tr(strings.loading)}</p> : null}
        {!report.loading && !packs.length ? <p>{tr(strings.noPack)}</p> : null}
        {packs.map((p) => (
          <article key={p.code} class="language-pack" data-pack={p.code}>
            <h3>
              {p.nameVi} ({p.name})
            </h3>
            <p>
              {tr(strings.interface)}: {p.ui.total - p.ui.missing.length}/{p.ui.total} {tr(strings.translated)}
              {p.surveys.map((s) => (
                <span key={s.survey}>
                  {' · '}
                  {s.title}: {s.total - s.missing.length}/{s.total}
                </span>
              ))}
            </p>
            <MissingTable caption={`${tr(strings.interface)} — ${p.ui.missing.length} ${tr(strings.uiMissing)}`} missing={p.ui.missing} />
            {p.surveys
              .filter((s) => s.missing.length)
              .map((s) => (
                <MissingTable key={s.survey} caption={`${s.title} — ${s.missing.length} ${tr(strings.textsMissing)}`} missing={s.missing} />
              ))}
            {p.unused.length ? (
              <p class="form-error">
                {tr(strings.unused)}
                {p.unused.join(', ')}
              </p>
            ) : null}
          </article>
        ))}
      </section>

      <SpokenPrompts packs={packs} />
    </>
  )
}

function MissingTable({ caption, missing }: { caption: string; missing: Missing[] }) {
  const { tr } = useApp()
  if (!missing.length) return null
  return (
    <details>
      <summary>{caption}</summary>
      <DataTable caption={caption} columns={[tr(strings.keyInFile), tr(strings.citizensSee)]}>
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
