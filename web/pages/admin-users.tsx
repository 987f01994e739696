import { RefusedPage } from '../components/load-error.tsx'
import { useState } from 'preact/hooks'
import type { Role } from '../../server/domain/vocabulary.ts'
import { AgencySelect } from '../components/agency-select.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { SelectField, TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { roleName } from '../lib/roles.ts'
import { client } from '../lib/client.ts'
import { DataTable, StatusCell } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { s, strings } from '../lib/strings.ts'

const text = {
  title: s('Tài khoản cán bộ', 'Staff accounts'),
  create: s('Tạo tài khoản', 'Create an account'),
  createButton: s('Tạo', 'Create'),
  username: strings.username,
  fullName: s('Họ tên', 'Full name'),
  password: s('Mật khẩu (≥ 10 ký tự)', 'Password (≥ 10 characters)'),
  role: s('Vai trò', 'Role'),
  agency: strings.agency,
  accounts: s('Tài khoản', 'Accounts'),
  name: s('Họ tên', 'Name'),
  status: s('Trạng thái', 'Status'),
  active: s('hoạt động', 'active'),
  disabled: s('đã khoá', 'disabled'),
  disable: s('Khoá', 'Disable'),
  enable: s('Mở khoá', 'Enable'),
  disableTitle: (username: string) => s(`Khoá tài khoản ${username}?`, `Disable ${username}?`),
  disableConsequence: (name: string) =>
    s(
      `${name} sẽ bị đăng xuất và không đăng nhập được nữa cho đến khi được mở khoá. Nhật ký và dữ liệu vẫn giữ nguyên.`,
      `${name} is signed out and cannot sign in until re-enabled. The log and data stay as they are.`,
    ),
  disableConfirm: s('Khoá tài khoản', 'Disable the account'),
}

export function AdminUsersPage() {
  const { lang, auth, tr } = useApp()
  const list = useGet(client.api.v1.admin.users)
  const action = useAction()
  const confirm = useConfirm()
  const meta = useGet(client.api.v1.dashboard.meta)
  const agencyNames = new Map((meta.data?.agencies ?? []).map((a) => [a.code, a.name]))
  // An account without an agency sees everything: the province, or the nation in a Ministry-level deployment.
  const scope = strings.wholeScope(meta.data)
  const whole = tr(scope)
  const role = (r: string) => roleName(r, lang, scope)
  const [form, setForm] = useState({ username: '', displayName: '', password: '', role: 'viewer' as Role, agency: auth?.user.agency?.code ?? '' })
  const input = (id: 'username' | 'displayName' | 'password', label: string, type = 'text') => (
    <TextField
      id={`u-${id}`}
      name={id}
      error={action.error}
      label={label}
      type={type}
      autoComplete={type === 'password' ? 'new-password' : 'off'}
      value={form[id]}
      onValue={(value) => setForm({ ...form, [id]: value })}
    />
  )
  const create = async (e: Event) => {
    e.preventDefault()
    if (await action.call((c) => c.api.v1.admin.users.$post({ json: { ...form, agency: form.agency || null } }))) list.reload()
  }
  const toggle = async (u: { username: string; displayName: string; active: boolean }) => {
    if (u.active && !(await confirm.ask({ title: tr(text.disableTitle(u.username)), consequence: tr(text.disableConsequence(u.displayName)), confirm: tr(text.disableConfirm) })))
      return
    if (await action.call((c) => c.api.v1.admin.users[':username'].$patch({ param: { username: u.username }, json: { active: !u.active } }))) list.reload()
  }
  if (list.error) return <RefusedPage title={tr(text.title)} error={list.error} />
  return (
    <>
      <h1>{tr(text.title)}</h1>
      {confirm.element}
      <section class="card">
        <h2>{tr(text.create)}</h2>
        <FormError error={action.error} labels={{ agency: tr(text.agency), password: tr(strings.password) }} />
        <form class="filters" onSubmit={create}>
          {input('username', tr(text.username))}
          {input('displayName', tr(text.fullName))}
          {input('password', tr(text.password), 'password')}
          <SelectField id="u-role" name="role" error={action.error} label={tr(text.role)} value={form.role} onValue={(role) => setForm({ ...form, role: role as Role })}>
            <option value="viewer">{role('viewer')}</option>
            <option value="manager">{role('manager')}</option>
            {auth?.user.role === 'admin' ? <option value="admin">{role('admin')}</option> : null}
          </SelectField>
          <AgencySelect
            id="u-agency"
            label={tr(text.agency)}
            value={form.agency}
            empty={auth?.user.role === 'admin' ? whole : undefined}
            onChange={(agency) => setForm({ ...form, agency })}
          />
          <button type="submit">{tr(text.createButton)}</button>
        </form>
      </section>
      <DataTable caption={tr(text.accounts)} columns={[tr(text.username), tr(text.name), tr(text.role), tr(text.agency), tr(text.status)]}>
        {list.data?.users.map((u) => (
          <tr key={u.username}>
            <th scope="row">{u.username}</th>
            <td>{u.displayName}</td>
            <td>{role(u.role)}</td>
            <td>{u.agency ? (agencyNames.get(u.agency) ?? u.agency) : whole}</td>
            <StatusCell
              status={tr(u.active ? text.active : text.disabled)}
              change={u.username !== auth?.user.username ? { label: tr(u.active ? text.disable : text.enable), run: () => void toggle(u) } : null}
            />
          </tr>
        ))}
      </DataTable>
    </>
  )
}
