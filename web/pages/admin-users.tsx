import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface UserRow {
  username: string
  display_name: string
  role: string
  active: boolean
  agency: string | null
}

export function AdminUsersPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ users: UserRow[] }>('/api/v1/admin/users')
  const action = useAction()
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'viewer', agency: auth?.user.agency?.code ?? '' })
  const input = (id: keyof typeof form, label: string, type = 'text') => (
    <div class="filter">
      <label for={`u-${id}`}>{label}</label>
      <input id={`u-${id}`} type={type} autoComplete={type === 'password' ? 'new-password' : 'off'} value={form[id]} onInput={(e) => setForm({ ...form, [id]: (e.target as HTMLInputElement).value })} />
    </div>
  )
  return (
    <>
      <h1>{vi ? 'Tài khoản cán bộ' : 'Staff accounts'}</h1>
      <FormError error={action.error} />
      <section class="card">
        <h2>{vi ? 'Tạo tài khoản' : 'Create an account'}</h2>
        <form class="filters" onSubmit={async (e) => (e.preventDefault(), (await action.run('POST', '/api/v1/admin/users', { ...form, agency: form.agency || null })) && list.reload())}>
          {input('username', vi ? 'Tên đăng nhập' : 'Username')}
          {input('displayName', vi ? 'Họ tên' : 'Full name')}
          {input('password', vi ? 'Mật khẩu (≥ 10 ký tự)' : 'Password (≥ 10 characters)', 'password')}
          <div class="filter">
            <label for="u-role">{vi ? 'Vai trò' : 'Role'}</label>
            <select id="u-role" value={form.role} onChange={(e) => setForm({ ...form, role: (e.target as HTMLSelectElement).value })}>
              <option value="viewer">{vi ? 'Xem' : 'Viewer'}</option>
              <option value="manager">{vi ? 'Quản lý cơ quan' : 'Agency manager'}</option>
              {auth?.user.role === 'admin' ? <option value="admin">{vi ? 'Quản trị' : 'Admin'}</option> : null}
            </select>
          </div>
          {input('agency', vi ? 'Mã cơ quan (trống: toàn tỉnh)' : 'Agency code (empty: province)')}
          <button type="submit">{vi ? 'Tạo' : 'Create'}</button>
        </form>
      </section>
      <DataTable caption={vi ? 'Tài khoản' : 'Accounts'} columns={[vi ? 'Tên đăng nhập' : 'Username', vi ? 'Họ tên' : 'Name', vi ? 'Vai trò' : 'Role', vi ? 'Cơ quan' : 'Agency', vi ? 'Trạng thái' : 'Status']}>
        {list.data?.users.map((u) => (
          <tr key={u.username}>
            <th scope="row">{u.username}</th>
            <td>{u.display_name}</td>
            <td>{u.role}</td>
            <td>{u.agency ?? (vi ? 'toàn tỉnh' : 'province')}</td>
            <td>
              {u.active ? (vi ? 'hoạt động' : 'active') : vi ? 'đã khoá' : 'disabled'}{' '}
              {u.username !== auth?.user.username ? (
                <button type="button" class="secondary small" onClick={async () => (await action.run('PATCH', `/api/v1/admin/users/${u.username}`, { active: !u.active })) && list.reload()}>
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
