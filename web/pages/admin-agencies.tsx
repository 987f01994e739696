import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface AgencyRow {
  code: string
  name: string
  kind: string
  parent: string | null
  active: boolean
  mergedInto: string | null
  desks: Array<{ id: number; code: string; name: string; active: boolean; link: string }>
}

export function AdminAgenciesPage() {
  const { auth, lang } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ agencies: AgencyRow[] }>('/api/v1/admin/agencies')
  const action = useAction()
  const isAdmin = auth?.user.role === 'admin'
  const [form, setForm] = useState({ code: '', name: '', parent: '', kind: 'department' })
  const [desk, setDesk] = useState({ agency: '', code: '', name: '' })
  const [merge, setMerge] = useState({ from: '', into: '' })
  const done = (r: unknown) => r && list.reload()
  const field = (id: string, label: string, value: string, set: (v: string) => void) => (
    <div class="filter">
      <label for={id}>{label}</label>
      <input id={id} value={value} onInput={(e) => set((e.target as HTMLInputElement).value)} />
    </div>
  )
  return (
    <>
      <h1>{vi ? 'Cơ quan và quầy' : 'Agencies and desks'}</h1>
      <FormError error={action.error} />
      {isAdmin ? (
        <section class="card">
          <h2>{vi ? 'Thêm cơ quan' : 'Add an agency'}</h2>
          <form class="filters" onSubmit={async (e) => (e.preventDefault(), done(await action.run('POST', '/api/v1/admin/agencies', { ...form, parent: form.parent || null })))}>
            {field('a-code', vi ? 'Mã' : 'Code', form.code, (code) => setForm({ ...form, code }))}
            {field('a-name', vi ? 'Tên' : 'Name', form.name, (name) => setForm({ ...form, name }))}
            {field('a-parent', vi ? 'Mã cấp trên' : 'Parent code', form.parent, (parent) => setForm({ ...form, parent }))}
            <div class="filter">
              <label for="a-kind">{vi ? 'Loại' : 'Kind'}</label>
              <select id="a-kind" value={form.kind} onChange={(e) => setForm({ ...form, kind: (e.target as HTMLSelectElement).value })}>
                <option value="department">{vi ? 'Sở, ban, ngành' : 'Department'}</option>
                <option value="commune">{vi ? 'UBND xã, phường' : 'Commune'}</option>
                <option value="province">{vi ? 'Tỉnh' : 'Province'}</option>
                <option value="other">{vi ? 'Khác' : 'Other'}</option>
              </select>
            </div>
            <button type="submit" disabled={action.busy}>
              {vi ? 'Thêm' : 'Add'}
            </button>
          </form>
          <h2>{vi ? 'Sáp nhập cơ quan' : 'Merge agencies'}</h2>
          <form class="filters" onSubmit={async (e) => (e.preventDefault(), done(await action.run('POST', `/api/v1/admin/agencies/${encodeURIComponent(merge.from)}/merge`, { into: merge.into })))}>
            {field('m-from', vi ? 'Sáp nhập cơ quan (mã)' : 'Merge agency (code)', merge.from, (from) => setMerge({ ...merge, from }))}
            {field('m-into', vi ? 'vào cơ quan (mã)' : 'into agency (code)', merge.into, (into) => setMerge({ ...merge, into }))}
            <button type="submit">{vi ? 'Sáp nhập' : 'Merge'}</button>
          </form>
          <p>
            <a href="/api/v1/admin/agencies/export.csv" download>
              {vi ? 'Tải danh sách cơ quan (CSV)' : 'Download agencies (CSV)'}
            </a>
          </p>
        </section>
      ) : null}
      <section class="card">
        <h2>{vi ? 'Thêm quầy' : 'Add a desk'}</h2>
        <form class="filters" onSubmit={async (e) => (e.preventDefault(), done(await action.run('POST', '/api/v1/admin/desks', desk)))}>
          {field('d-agency', vi ? 'Mã cơ quan' : 'Agency code', desk.agency, (agency) => setDesk({ ...desk, agency }))}
          {field('d-code', vi ? 'Mã quầy' : 'Desk code', desk.code, (code) => setDesk({ ...desk, code }))}
          {field('d-name', vi ? 'Tên quầy' : 'Desk name', desk.name, (name) => setDesk({ ...desk, name }))}
          <button type="submit">{vi ? 'Thêm quầy' : 'Add desk'}</button>
        </form>
      </section>
      <DataTable caption={vi ? 'Danh sách cơ quan' : 'Agencies'} columns={[vi ? 'Mã' : 'Code', vi ? 'Tên' : 'Name', vi ? 'Cấp trên' : 'Parent', vi ? 'Quầy' : 'Desks', vi ? 'Trạng thái' : 'Status']}>
        {list.data?.agencies.map((a) => (
          <tr key={a.code}>
            <td>{a.code}</td>
            <th scope="row">{a.name}</th>
            <td>{a.parent ?? '—'}</td>
            <td>
              <ul class="plain">
                {a.desks.map((d) => (
                  <li key={d.id}>
                    {d.code} — {d.name}{' '}
                    <a href={`/desks/${d.id}/poster`}>{vi ? 'áp phích QR' : 'QR poster'}</a>
                  </li>
                ))}
              </ul>
            </td>
            <td>
              {a.mergedInto ? `${vi ? 'đã sáp nhập vào' : 'merged into'} ${a.mergedInto}` : a.active ? (vi ? 'đang hoạt động' : 'active') : vi ? 'ngừng' : 'inactive'}
              {isAdmin && !a.mergedInto ? (
                <button type="button" class="secondary small" onClick={async () => done(await action.run('POST', `/api/v1/admin/agencies/${encodeURIComponent(a.code)}/active`, { active: !a.active }))}>
                  {a.active ? (vi ? 'Ngừng' : 'Deactivate') : vi ? 'Kích hoạt' : 'Activate'}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
