import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import '../builder/builder.css'
import { useConfirm } from '../components/confirm.tsx'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import type { SurveyStatus } from '../../server/domain/vocabulary.ts'

interface Version {
  id: number
  key: string
  instrument: string
  version: number
  status: SurveyStatus
  basedOn: string | null
  responses: number
  definition: Record<string, unknown> & { title: { vi: string; en: string }; version: number }
}
interface Agencies {
  agencies: Array<{ code: string; name: string; desks: Array<{ id: number; code: string; name: string; active: boolean }> }>
}

const statusVi = { draft: 'Nháp', published: 'Đã ban hành', retired: 'Ngừng dùng' }

/** A version as staff name it: the questionnaire's title and the version number, never its key. */
const nameOf = (v: Version | undefined, lang: 'vi' | 'en') => (v ? `${v.definition.title?.[lang] || v.instrument} — ${lang === 'vi' ? 'phiên bản' : 'version'} ${v.version}` : '—')
const channels = { kiosk: { vi: 'Máy tại quầy', en: 'Desk tablet' }, qr: { vi: 'Mã QR tại quầy', en: 'Desk QR code' }, receipt: { vi: 'Mã trên giấy hẹn', en: 'Receipt code' } }

/**
 * Survey versions: a new version starts as a copy of a published one and is written in the builder, then
 * published (immutable from then on), given to desks, and later retired. A JSON file starts a draft too.
 */
export function AdminSurveysPage() {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const { route, query } = useLocation()
  const list = useFetch<{ versions: Version[] }>('/api/v1/admin/surveys')
  const action = useAction()
  const copy = async (v: Version) => {
    const { instrument: _i, version: _v, ...rest } = v.definition
    const r = await action.run<{ id: number }>('POST', '/api/v1/admin/surveys', { instrument: v.instrument, definition: rest, basedOn: v.id })
    if (r) route(`/admin/surveys/${r.id}/edit`)
  }
  const confirm = useConfirm()
  const retire = async (v: Version) => {
    const name = `${v.definition.title[lang]} — ${vi ? 'phiên bản' : 'version'} ${v.definition.version}`
    const ok = await confirm.ask({
      title: vi ? `Ngừng dùng ${name}?` : `Retire ${name}?`,
      consequence: vi
        ? 'Quầy, máy tính bảng và mã giấy hẹn không dùng phiên bản này cho phiếu mới nữa; các câu trả lời đã có vẫn được tính trong báo cáo. Không ban hành lại được.'
        : 'Desks, tablets and receipt codes stop using this version for new answers; answers already given still count in the reports. It cannot be published again.',
      confirm: vi ? 'Ngừng dùng' : 'Retire',
    })
    if (ok && (await action.run('POST', `/api/v1/admin/surveys/${v.id}/retire`, {}))) list.reload()
  }
  const byKey = new Map((list.data?.versions ?? []).map((v) => [v.key, v]))
  const published = query.published ? nameOf(byKey.get(query.published), lang) : undefined
  return (
    <>
      <h1>{vi ? 'Phiếu khảo sát và phiên bản' : 'Surveys and versions'}</h1>
      {confirm.element}
      {published ? (
        <p class="notice-ok" role="status">
          {vi
            ? `Đã ban hành ${published}. Gán phiên bản này cho quầy ở dưới để máy tại quầy và mã QR dùng nó.`
            : `${published} is published. Give it to desks below so their tablets and QR codes use it.`}
        </p>
      ) : null}
      <FormError error={action.error} />
      <DataTable
        caption={vi ? 'Các phiên bản' : 'Versions'}
        columns={[vi ? 'Phiên bản' : 'Version', vi ? 'Trạng thái' : 'Status', vi ? 'Sao chép từ' : 'Copied from', vi ? 'Số phiếu' : 'Responses', vi ? 'Thao tác' : 'Actions']}
      >
        {list.data?.versions.map((v) => (
          <tr key={v.id}>
            <th scope="row">
              {v.definition.title[lang]} — {vi ? 'phiên bản' : 'version'} {v.definition.version}
            </th>
            <td>{vi ? statusVi[v.status] : v.status}</td>
            <td>{v.basedOn ? nameOf(byKey.get(v.basedOn), lang) : '—'}</td>
            <td class="num">{v.responses}</td>
            <td class="row-actions">
              {v.status === 'draft' ? (
                <a class="button small" href={`/admin/surveys/${v.id}/edit`}>
                  {vi ? 'Soạn tiếp, ban hành' : 'Edit, publish'}
                </a>
              ) : (
                <button type="button" class="secondary small" disabled={action.busy} onClick={() => copy(v)}>
                  {vi ? 'Tạo phiên bản mới từ đây' : 'New version from this'}
                </button>
              )}
              {v.status === 'published' ? (
                <button type="button" class="secondary small" onClick={() => retire(v)}>
                  {vi ? 'Ngừng dùng' : 'Retire'}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      <ImportJson onCreated={(id) => route(`/admin/surveys/${id}/edit`)} />
      <AssignToDesk versions={(list.data?.versions ?? []).filter((v) => v.status === 'published')} initial={query.published} />
    </>
  )
}

/** A draft from a JSON file (a form from another province, or written by hand). */
function ImportJson({ onCreated }: { onCreated(id: number): void }) {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const action = useAction()
  const [instrument, setInstrument] = useState('')
  const [fileError, setFileError] = useState('')
  const [definition, setDefinition] = useState<Record<string, unknown> | null>(null)
  return (
    <section class="card" aria-labelledby="import-json">
      <h2 id="import-json">{vi ? 'Tạo bản nháp từ tệp JSON' : 'A draft from a JSON file'}</h2>
      <FormError error={action.error} />
      <form
        class="filters"
        onSubmit={async (e) => {
          e.preventDefault()
          if (!definition) return setFileError(vi ? 'Chọn một tệp JSON trước' : 'Choose a JSON file first')
          const { instrument: _i, version: _v, ...rest } = definition
          const r = await action.run<{ id: number }>('POST', '/api/v1/admin/surveys', { instrument, definition: rest })
          if (r) onCreated(r.id)
        }}
      >
        <div class="filter">
          <label for="import-file">{vi ? 'Tệp JSON' : 'JSON file'}</label>
          <input
            id="import-file"
            type="file"
            accept="application/json,.json"
            aria-describedby={fileError ? 'import-file-error' : undefined}
            onChange={async (e) => {
              const file = (e.target as HTMLInputElement).files?.[0]
              if (!file) return
              try {
                const parsed = JSON.parse(await file.text()) as Record<string, unknown>
                if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('object')
                setDefinition(parsed)
                setFileError('')
                if (typeof parsed.instrument === 'string' && !instrument) setInstrument(parsed.instrument)
              } catch {
                setDefinition(null)
                setFileError(vi ? 'Tệp không phải JSON của một phiếu' : 'The file is not a survey JSON')
              }
            }}
          />
          {fileError ? (
            <p class="form-error" id="import-file-error">
              {fileError}
            </p>
          ) : null}
        </div>
        <div class="filter">
          <label for="import-instrument">{vi ? 'Mã phiếu' : 'Survey id'}</label>
          <input
            id="import-instrument"
            value={instrument}
            onInput={(e) => setInstrument((e.target as HTMLInputElement).value.trim())}
            aria-describedby={action.error?.fields.instrument ? 'import-instrument-error' : undefined}
          />
          {action.error?.fields.instrument ? (
            <p class="form-error" id="import-instrument-error">
              {action.error.fields.instrument}
            </p>
          ) : null}
        </div>
        <button type="submit" class="secondary" disabled={action.busy}>
          {vi ? 'Tạo bản nháp' : 'Create draft'}
        </button>
      </form>
    </section>
  )
}

/** Which published version a desk uses on each channel (kiosk, QR, receipt): the existing assignment API. */
function AssignToDesk({ versions, initial }: { versions: Version[]; initial?: string }) {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const agencies = useFetch<Agencies>('/api/v1/admin/agencies')
  const action = useAction()
  const [survey, setSurvey] = useState(initial ?? '')
  const [desk, setDesk] = useState('')
  const [channel, setChannel] = useState<keyof typeof channels>('kiosk')
  const [done, setDone] = useState('')
  const chosen = survey || versions.at(-1)?.key || ''
  const desks = (agencies.data?.agencies ?? []).flatMap((a) => a.desks.filter((d) => d.active).map((d) => ({ id: d.id, label: `${a.name} — ${d.name}` })))
  return (
    <section class="card" aria-labelledby="assign">
      <h2 id="assign">{vi ? 'Gán phiên bản cho quầy' : 'Give a version to a desk'}</h2>
      <FormError error={action.error} />
      {done ? (
        <p class="notice-ok" role="status">
          {done}
        </p>
      ) : null}
      <form
        class="assign"
        onSubmit={async (e) => {
          e.preventDefault()
          setDone('')
          const ok = await action.run('PUT', `/api/v1/admin/desks/${desk}/surveys`, { [channel]: chosen })
          const name = desks.find((d) => String(d.id) === desk)?.label ?? ''
          const version = nameOf(
            versions.find((v) => v.key === chosen),
            lang,
          )
          if (ok) setDone(vi ? `${name}: ${channels[channel].vi.toLowerCase()} dùng ${version}` : `${name}: ${channels[channel].en.toLowerCase()} uses ${version}`)
        }}
      >
        <div class="filter">
          <label for="assign-survey">{vi ? 'Phiên bản' : 'Version'}</label>
          <select id="assign-survey" value={chosen} onChange={(e) => setSurvey((e.target as HTMLSelectElement).value)}>
            {versions.map((v) => (
              <option key={v.key} value={v.key}>
                {v.definition.title[lang]} — {vi ? 'phiên bản' : 'version'} {v.definition.version}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="assign-desk">{vi ? 'Quầy' : 'Desk'}</label>
          <select id="assign-desk" value={desk} onChange={(e) => setDesk((e.target as HTMLSelectElement).value)} required>
            <option value="">{vi ? '— chọn quầy —' : '— choose a desk —'}</option>
            {desks.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.label}
              </option>
            ))}
          </select>
        </div>
        <div class="filter">
          <label for="assign-channel">{vi ? 'Kênh' : 'Channel'}</label>
          <select id="assign-channel" value={channel} onChange={(e) => setChannel((e.target as HTMLSelectElement).value as keyof typeof channels)}>
            {(Object.keys(channels) as Array<keyof typeof channels>).map((c) => (
              <option key={c} value={c}>
                {channels[c][lang]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={action.busy || !desk || !chosen}>
          {vi ? 'Gán cho quầy' : 'Give to desk'}
        </button>
      </form>
    </section>
  )
}
