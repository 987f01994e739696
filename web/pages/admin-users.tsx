import { useState } from 'preact/hooks'
import { AgencySelect } from '../components/agency-select.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { FormError } from '../components/form-error.tsx'
import { roleName } from '../lib/roles.ts'
import type { Meta } from '../lib/report-types.ts'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface UserRow {
  username: string
  displayName: string
  role: string
  active: boolean
  agency: string | null
}

export function AdminUsersPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ users: UserRow[] }>('/api/v1/admin/users')
  const action = useAction()
  const confirm = useConfirm()
  const meta = useFetch<Meta>('/api/v1/dashboard/meta')
  const agencyNames = new Map((meta.data?.agencies ?? []).map((a) => [a.code, a.name]))
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'viewer', agency: auth?.user.agency?.code ?? '' })
  const input = (id: keyof typeof form, label: string, type = 'text') => (
    <div class="filter">
      <label for={`u-${id}`}>{label}</label>
      <input
        id={`u-${id}`}
        type={type}
        autoComplete={type === 'password' ? 'new-password' : 'off'}
        value={form[id]}
        onInput={(e) => setForm({ ...form, [id]: (e.target as HTMLInputElement).value })}
      />
    </div>
  )
  return (
    <>
      <h1>{vi ? 'Tài khoản cán bộ' : 'Staff accounts'}</h1>
      {confirm.element}
      <section class="card">
        <h2>{vi ? 'Tạo tài khoản' : 'Create an account'}</h2>
        <FormError error={action.error} labels={{ agency: vi ? 'Cơ quan' : 'Agency', password: vi ? 'Mật khẩu' : 'Password' }} />
        <form
          class="filters"
          onSubmit={async (e) => (e.preventDefault(), (await action.run('POST', '/api/v1/admin/users', { ...form, agency: form.agency || null })) && list.reload())}
        >
          {input('username', vi ? 'Tên đăng nhập' : 'Username')}
          {input('displayName', vi ? 'Họ tên' : 'Full name')}
          {input('password', vi ? 'Mật khẩu (≥ 10 ký tự)' : 'Password (≥ 10 characters)', 'password')}
          <div class="filter">
            <label for="u-role">{vi ? 'Vai trò' : 'Role'}</label>
            <select id="u-role" value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value })}>
              <option value="viewer">{roleName('viewer', lang)}</option>
              <option value="manager">{roleName('manager', lang)}</option>
              {auth?.user.role === 'admin' ? <option value="admin">{roleName('admin', lang)}</option> : null}
            </select>
          </div>
          <AgencySelect
            id="u-agency"
            label={vi ? 'Cơ quan' : 'Agency'}
            value={form.agency}
            empty={auth?.user.role === 'admin' ? (vi ? 'Toàn tỉnh' : 'Whole province') : undefined}
            onChange={(agency) => setForm({ ...form, agency })}
          />
          <button type="submit">{vi ? 'Tạo' : 'Create'}</button>
        </form>
      </section>
      <DataTable
        caption={vi ? 'Tài khoản' : 'Accounts'}
        columns={[vi ? 'Tên đăng nhập' : 'Username', vi ? 'Họ tên' : 'Name', vi ? 'Vai trò' : 'Role', vi ? 'Cơ quan' : 'Agency', vi ? 'Trạng thái' : 'Status']}
      >
        {list.data?.users.map((u) => (
          <tr key={u.username}>
            <th scope="row">{u.username}</th>
            <td>{u.displayName}</td>
            <td>{roleName(u.role, lang)}</td>
            <td>{u.agency ? (agencyNames.get(u.agency) ?? u.agency) : vi ? 'toàn tỉnh' : 'province'}</td>
            <td>
              {u.active ? (vi ? 'hoạt động' : 'active') : vi ? 'đã khoá' : 'disabled'}{' '}
              {u.username !== auth?.user.username ? (
                <button
                  type="button"
                  class="secondary small"
                  onClick={async () => {
                    if (
                      u.active &&
                      !(await confirm.ask({
                        title: vi ? `Khoá tài khoản ${u.username}?` : `Disable ${u.username}?`,
                        consequence: vi
                          ? `${u.displayName} sẽ bị đăng xuất và không đăng nhập được nữa cho đến khi được mở khoá. Nhật ký và dữ liệu vẫn giữ nguyên.`
                          : `${u.displayName} is signed out and cannot sign in until re-enabled. The log and data stay as they are.`,
                        confirm: vi ? 'Khoá tài khoản' : 'Disable the account',
                      }))
                    )
                      return
                    ;(await action.run('PATCH', `/api/v1/admin/users/${u.username}`, { active: !u.active })) && list.reload()
                  }}
                >
                  {u.active ? (vi ? 'Khoá' : 'Disable') : vi ? 'Mở khoá' : 'Enable'}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
