import { useState } from 'preact/hooks'
import { AgencySelect } from '../components/agency-select.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { DataTable } from '../components/data-table.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import type { Meta } from '../lib/report-types.ts'

interface DeskRow {
  id: number
  code: string
  name: string
  active: boolean
  link: string
  surveys: Partial<Record<'kiosk' | 'qr' | 'receipt', string>>
}
interface AgencyRow {
  code: string
  name: string
  kind: string
  parent: string | null
  active: boolean
  mergedInto: string | null
  desks: DeskRow[]
}
interface SurveyList {
  surveys: Array<{ key: string; instrument: string; version: number; status: string }>
}

const CODE_HINT = { vi: 'chữ không dấu, số, "-" và "_"; ví dụ SNV, MC-01', en: 'letters without accents, digits, "-" and "_"; e.g. SNV, MC-01' }

/** Agencies and their desks: pick-lists instead of typed codes, every change in place, destructive ones confirmed. */
export function AdminAgenciesPage() {
  const { auth, lang } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ agencies: AgencyRow[] }>('/api/v1/admin/agencies')
  const isAdmin = auth?.user.role === 'admin'
  const names = new Map((list.data?.agencies ?? []).map((a) => [a.code, a.name]))
  const pickable = (list.data?.agencies ?? []).filter((a) => a.active && !a.mergedInto)
  const confirm = useConfirm()
  const add = useAction()
  const merging = useAction()
  const addDesk = useAction()
  const row = useAction()
  const [form, setForm] = useState({ code: '', name: '', parent: '', kind: 'department' })
  const [desk, setDesk] = useState({ agency: '', code: '', name: '' })
  const [merge, setMerge] = useState({ from: '', into: '' })
  const done = (r: unknown) => r && list.reload()
  const field = (id: string, label: string, value: string, set: (v: string) => void, hint?: string) => (
    <div class="filter">
      <label for={id}>{label}</label>
      <input id={id} value={value} aria-describedby={hint ? `${id}-hint` : undefined} onInput={(e) => set((e.target as HTMLInputElement).value)} />
      {hint ? (
        <small id={`${id}-hint`} class="muted">
          {hint}
        </small>
      ) : null}
    </div>
  )
  const doMerge = async () => {
    const from = names.get(merge.from) ?? merge.from
    const into = names.get(merge.into) ?? merge.into
    const ok = await confirm.ask({
      title: vi ? `Sáp nhập ${from} vào ${into}?` : `Merge ${from} into ${into}?`,
      consequence: vi
        ? `Số liệu đã có của ${from} vẫn giữ dưới tên ${from}; các quầy của ${from} và mọi đánh giá mới chuyển sang ${into}. ${from} ngừng hoạt động. Không hoàn tác được.`
        : `${from}'s history stays under ${from}; its desks and every new answer go to ${into}. ${from} becomes inactive. This cannot be undone.`,
      confirm: vi ? 'Sáp nhập' : 'Merge',
    })
    if (ok) done(await merging.run('POST', `/api/v1/admin/agencies/${encodeURIComponent(merge.from)}/merge`, { into: merge.into }))
  }
  const toggleAgency = async (a: AgencyRow) => {
    if (
      a.active &&
      !(await confirm.ask({
        title: vi ? `Ngừng hoạt động ${a.name}?` : `Deactivate ${a.name}?`,
        consequence: vi
          ? 'Cơ quan không còn trong danh sách chọn và bảng điều khiển; số liệu đã có vẫn giữ nguyên. Có thể kích hoạt lại.'
          : 'The agency leaves the pick-lists and the dashboard; its figures stay. It can be re-activated.',
        confirm: vi ? 'Ngừng hoạt động' : 'Deactivate',
      }))
    )
      return
    done(await row.run('POST', `/api/v1/admin/agencies/${encodeURIComponent(a.code)}/active`, { active: !a.active }))
  }
  return (
    <>
      <h1>{vi ? 'Cơ quan và quầy' : 'Agencies and desks'}</h1>
      {confirm.element}
      {isAdmin ? (
        <section class="card">
          <h2>{vi ? 'Thêm cơ quan' : 'Add an agency'}</h2>
          <form class="filters" onSubmit={async (e) => (e.preventDefault(), done(await add.run('POST', '/api/v1/admin/agencies', { ...form, parent: form.parent || null })))}>
            {field('a-code', vi ? 'Mã' : 'Code', form.code, (code) => setForm({ ...form, code }), CODE_HINT[lang])}
            {field('a-name', vi ? 'Tên' : 'Name', form.name, (name) => setForm({ ...form, name }))}
            <AgencySelect
              options={pickable}
              id="a-parent"
              label={vi ? 'Cơ quan cấp trên' : 'Parent agency'}
              value={form.parent}
              empty={vi ? 'Không có (trực thuộc tỉnh)' : 'None (under the province)'}
              onChange={(parent) => setForm({ ...form, parent })}
            />
            <div class="filter">
              <label for="a-kind">{vi ? 'Loại' : 'Kind'}</label>
              <select id="a-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: (e.target as HTMLSelectElement).value })}>
                <option value="department">{vi ? 'Sở, ban, ngành' : 'Department'}</option>
                <option value="commune">{vi ? 'UBND xã, phường' : 'Commune'}</option>
                <option value="province">{vi ? 'Tỉnh' : 'Province'}</option>
                <option value="other">{vi ? 'Khác' : 'Other'}</option>
              </select>
            </div>
            <button type="submit" disabled={add.busy}>
              {vi ? 'Thêm' : 'Add'}
            </button>
          </form>
          <FormError error={add.error} labels={{ code: vi ? 'Mã' : 'Code', name: vi ? 'Tên' : 'Name', parent: vi ? 'Cơ quan cấp trên' : 'Parent agency' }} />
          <h2>{vi ? 'Sáp nhập cơ quan' : 'Merge agencies'}</h2>
          <form class="filters" onSubmit={(e) => (e.preventDefault(), void doMerge())}>
            <AgencySelect options={pickable} id="m-from" label={vi ? 'Sáp nhập cơ quan' : 'Merge agency'} value={merge.from} onChange={(from) => setMerge({ ...merge, from })} />
            <AgencySelect
              options={pickable}
              id="m-into"
              label={vi ? 'vào cơ quan' : 'into agency'}
              value={merge.into}
              exclude={merge.from}
              onChange={(into) => setMerge({ ...merge, into })}
            />
            <button type="submit" class="danger" disabled={!merge.from || !merge.into}>
              {vi ? 'Sáp nhập…' : 'Merge…'}
            </button>
          </form>
          <FormError error={merging.error} labels={{ into: vi ? 'vào cơ quan' : 'into agency' }} />
          <p>
            <a href="/api/v1/admin/agencies/export.csv" download>
              {vi ? 'Tải danh sách cơ quan (CSV)' : 'Download agencies (CSV)'}
            </a>
          </p>
        </section>
      ) : null}
      <section class="card">
        <h2>{vi ? 'Thêm quầy' : 'Add a desk'}</h2>
        <form class="filters" onSubmit={async (e) => (e.preventDefault(), done(await addDesk.run('POST', '/api/v1/admin/desks', desk)))}>
          <AgencySelect options={pickable} id="d-agency" label={vi ? 'Cơ quan' : 'Agency'} value={desk.agency} onChange={(agency) => setDesk({ ...desk, agency })} />
          {field('d-code', vi ? 'Mã quầy' : 'Desk code', desk.code, (code) => setDesk({ ...desk, code }), CODE_HINT[lang])}
          {field('d-name', vi ? 'Tên quầy' : 'Desk name', desk.name, (name) => setDesk({ ...desk, name }))}
          <button type="submit">{vi ? 'Thêm quầy' : 'Add desk'}</button>
        </form>
        <FormError error={addDesk.error} labels={{ agency: vi ? 'Cơ quan' : 'Agency', code: vi ? 'Mã quầy' : 'Desk code', name: vi ? 'Tên quầy' : 'Desk name' }} />
      </section>
      <FormError error={row.error} />
      <DataTable
        caption={vi ? 'Danh sách cơ quan' : 'Agencies'}
        columns={[vi ? 'Tên' : 'Name', vi ? 'Mã' : 'Code', vi ? 'Cấp trên' : 'Parent', vi ? 'Quầy' : 'Desks', vi ? 'Trạng thái' : 'Status']}
      >
        {list.data?.agencies.map((a) => (
          <tr key={a.code}>
            <th scope="row">{a.name}</th>
            <td>{a.code}</td>
            <td>{a.parent ? (names.get(a.parent) ?? a.parent) : '—'}</td>
            <td>
              <ul class="plain desk-list">
                {a.desks.map((d) => (
                  <li key={d.id}>
                    <DeskEditor desk={d} agency={a} confirm={confirm.ask} onDone={() => list.reload()} />
                  </li>
                ))}
              </ul>
            </td>
            <td>
              {a.mergedInto
                ? `${vi ? 'đã sáp nhập vào' : 'merged into'} ${names.get(a.mergedInto) ?? a.mergedInto}`
                : a.active
                  ? vi
                    ? 'đang hoạt động'
                    : 'active'
                  : vi
                    ? 'ngừng'
                    : 'inactive'}{' '}
              {isAdmin && !a.mergedInto ? (
                <button type="button" class="secondary small" onClick={() => void toggleAgency(a)}>
                  {a.active ? (vi ? 'Ngừng…' : 'Deactivate…') : vi ? 'Kích hoạt' : 'Activate'}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}

const channels = [
  { id: 'kiosk', vi: 'Máy tính bảng', en: 'Tablet' },
  { id: 'qr', vi: 'Mã QR tại quầy', en: 'Desk QR code' },
  { id: 'receipt', vi: 'Mã trên giấy hẹn', en: 'Receipt code' },
] as const

/** One desk: its name, poster, and an editor for renaming, (de)activating and the survey used per channel. */
function DeskEditor({ desk, agency, confirm, onDone }: { desk: DeskRow; agency: AgencyRow; confirm: ReturnType<typeof useConfirm>['ask']; onDone(): void }) {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const [open, setOpen] = useState(false)
  const [name, setName] = useState(desk.name)
  const [surveys, setSurveys] = useState<Record<string, string>>({ kiosk: desk.surveys.kiosk ?? '', qr: desk.surveys.qr ?? '', receipt: desk.surveys.receipt ?? '' })
  const published = useFetch<SurveyList>(open ? '/api/v1/surveys' : null)
  const meta = useFetch<Meta>(open ? '/api/v1/dashboard/meta' : null)
  const titles = new Map((meta.data?.instruments ?? []).map((i) => [i.id, i.title[lang]]))
  const action = useAction()
  const id = `desk-${desk.id}`
  const save = async (e: Event) => {
    e.preventDefault()
    if (name !== desk.name && !(await action.run('PATCH', `/api/v1/admin/desks/${desk.id}`, { name }))) return
    const changed = Object.fromEntries(channels.filter((c) => surveys[c.id] !== (desk.surveys[c.id] ?? '')).map((c) => [c.id, surveys[c.id] || null]))
    if (Object.keys(changed).length && !(await action.run('PUT', `/api/v1/admin/desks/${desk.id}/surveys`, changed))) return
    setOpen(false)
    onDone()
  }
  const toggle = async () => {
    if (
      desk.active &&
      !(await confirm({
        title: vi ? `Ngừng quầy ${desk.name}?` : `Deactivate ${desk.name}?`,
        consequence: vi
          ? `Mã QR dán tại quầy sẽ báo "Quầy này đã ngừng nhận đánh giá" và không nhận đánh giá mới; số liệu đã có của ${agency.name} vẫn giữ nguyên. Có thể mở lại.`
          : `The desk's QR poster will say "This desk no longer takes ratings" and take no new answers; ${agency.name}'s figures stay. It can be re-activated.`,
        confirm: vi ? 'Ngừng quầy' : 'Deactivate the desk',
      }))
    )
      return
    ;(await action.run('PATCH', `/api/v1/admin/desks/${desk.id}`, { active: !desk.active })) && onDone()
  }
  return (
    <div class="desk-row">
      <span>
        <strong>{desk.name}</strong> ({desk.code}){desk.active ? '' : ` — ${vi ? 'đã ngừng' : 'inactive'}`}
      </span>{' '}
      <a href={`/desks/${desk.id}/poster`}>{vi ? 'áp phích QR' : 'QR poster'}</a>{' '}
      <button type="button" class="secondary small" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {vi ? 'Sửa' : 'Edit'}
      </button>{' '}
      <button type="button" class="secondary small" onClick={() => void toggle()}>
        {desk.active ? (vi ? 'Ngừng…' : 'Deactivate…') : vi ? 'Mở lại' : 'Re-activate'}
      </button>
      {open ? (
        <form id={id} class="desk-edit" onSubmit={save}>
          <div class="filter">
            <label for={`${id}-name`}>{vi ? 'Tên quầy' : 'Desk name'}</label>
            <input id={`${id}-name`} value={name} onInput={(e) => setName((e.target as HTMLInputElement).value)} />
          </div>
          {channels.map((c) => (
            <div class="filter" key={c.id}>
              <label for={`${id}-${c.id}`}>
                {vi ? 'Phiếu cho' : 'Survey for'} {vi ? c.vi.toLowerCase() : c.en.toLowerCase()}
              </label>
              <select id={`${id}-${c.id}`} value={surveys[c.id]} onChange={(e) => setSurveys({ ...surveys, [c.id]: (e.target as HTMLSelectElement).value })}>
                <option value="">{vi ? 'Mặc định (Đánh giá nhanh Một cửa mới nhất)' : 'Default (newest one-stop quick rating)'}</option>
                {(published.data?.surveys ?? [])
                  .filter((s) => s.status === 'published' || s.key === surveys[c.id])
                  .map((s) => (
                    <option value={s.key} key={s.key}>
                      {titles.get(s.instrument) ?? s.instrument} — {vi ? 'phiên bản' : 'version'} {s.version}
                    </option>
                  ))}
              </select>
            </div>
          ))}
          <button type="submit" disabled={action.busy}>
            {vi ? 'Lưu' : 'Save'}
          </button>
        </form>
      ) : null}
      <FormError
        error={action.error}
        labels={{
          name: vi ? 'Tên quầy' : 'Desk name',
          kiosk: vi ? 'Phiếu cho máy tính bảng' : 'Survey for the tablet',
          qr: vi ? 'Phiếu cho mã QR' : 'Survey for the QR code',
          receipt: vi ? 'Phiếu cho mã trên giấy hẹn' : 'Survey for receipt codes',
        }}
      />
    </div>
  )
}
