import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface Key {
  id: number
  name: string
  prefix: string
  agency: { code: string; name: string }
  createdAt: string
  expiresAt: string
  revokedAt: string | null
  lastUsedAt: string | null
}

/** API keys for the one-stop software (receipt codes): shown once when created, revocable. */
export function AdminApiKeysPage() {
  const { lang, auth } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ items: Key[] }>('/api/v1/api-keys')
  const action = useAction()
  const [form, setForm] = useState({ agency: auth?.user.agency?.code ?? '', name: '' })
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null)
  const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(vi ? 'vi-VN' : 'en-GB', { timeZone: 'Asia/Ho_Chi_Minh' }) : '—')
  return (
    <>
      <h1>{vi ? 'Khóa API cho phần mềm Một cửa' : 'API keys for the one-stop software'}</h1>
      <FormError error={action.error} />
      <section class="card">
        <h2>{vi ? 'Tạo khóa' : 'Create a key'}</h2>
        <form
          class="filters"
          onSubmit={async (e) => {
            e.preventDefault()
            const r = await action.run<{ key: string; name: string }>('POST', '/api/v1/api-keys', form)
            if (r) {
              setCreated(r)
              list.reload()
            }
          }}
        >
          <div class="filter">
            <label for="ak-agency">{vi ? 'Mã cơ quan' : 'Agency code'}</label>
            <input id="ak-agency" value={form.agency} onInput={(e) => setForm({ ...form, agency: (e.target as HTMLInputElement).value })} />
          </div>
          <div class="filter">
            <label for="ak-name">{vi ? 'Tên (dùng cho hệ thống nào)' : 'Name (which system uses it)'}</label>
            <input id="ak-name" value={form.name} onInput={(e) => setForm({ ...form, name: (e.target as HTMLInputElement).value })} />
          </div>
          <button type="submit">{vi ? 'Tạo khóa' : 'Create key'}</button>
        </form>
        {created ? (
          <div class="card notice-once" role="status">
            <p>
              <strong>{vi ? 'Chép khóa này ngay: nó chỉ hiện một lần.' : 'Copy this key now: it is shown only once.'}</strong>
            </p>
            <code class="link-text">{created.key}</code>
          </div>
        ) : null}
      </section>
      <DataTable caption={vi ? 'Các khóa' : 'Keys'} columns={[vi ? 'Tên' : 'Name', vi ? 'Đầu khóa' : 'Prefix', vi ? 'Cơ quan' : 'Agency', vi ? 'Hết hạn' : 'Expires', vi ? 'Dùng lần cuối' : 'Last used', vi ? 'Trạng thái' : 'Status']}>
        {list.data?.items.map((k) => (
          <tr key={k.id}>
            <th scope="row">{k.name}</th>
            <td>
              <code>{k.prefix}…</code>
            </td>
            <td>{k.agency.name}</td>
            <td>{day(k.expiresAt)}</td>
            <td>{day(k.lastUsedAt)}</td>
            <td>
              {k.revokedAt ? (
                vi ? 'Đã thu hồi' : 'Revoked'
              ) : (
                <button type="button" class="secondary small" onClick={async () => (await action.run('POST', `/api/v1/api-keys/${k.id}/revoke`, {})) && list.reload()}>
                  {vi ? 'Thu hồi' : 'Revoke'}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
