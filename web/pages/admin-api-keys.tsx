import { useState } from 'preact/hooks'
import { AgencySelect } from '../components/agency-select.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'
import { formatDate } from '../lib/format.ts'

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
  const confirm = useConfirm()
  const [form, setForm] = useState({ agency: auth?.user.agency?.code ?? '', name: '' })
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null)
  const day = (iso: string | null) => (iso ? formatDate(iso, lang, auth?.timeZone) : '—')
  return (
    <>
      <h1>{vi ? 'Khóa API cho phần mềm Một cửa' : 'API keys for the one-stop software'}</h1>
      {confirm.element}
      <FormError error={action.error} labels={{ agency: vi ? 'Cơ quan' : 'Agency', name: vi ? 'Tên (dùng cho hệ thống nào)' : 'Name (which system uses it)' }} />
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
          <AgencySelect id="ak-agency" label={vi ? 'Cơ quan' : 'Agency'} value={form.agency} onChange={(agency) => setForm({ ...form, agency })} />
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
      <DataTable
        caption={vi ? 'Các khóa' : 'Keys'}
        columns={[
          vi ? 'Tên' : 'Name',
          vi ? 'Đầu khóa' : 'Prefix',
          vi ? 'Cơ quan' : 'Agency',
          vi ? 'Hết hạn' : 'Expires',
          vi ? 'Dùng lần cuối' : 'Last used',
          vi ? 'Trạng thái' : 'Status',
        ]}
      >
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
                vi ? (
                  'Đã thu hồi'
                ) : (
                  'Revoked'
                )
              ) : (
                <button
                  type="button"
                  class="secondary small"
                  onClick={async () => {
                    const ok = await confirm.ask({
                      title: vi ? `Thu hồi khóa ${k.name}?` : `Revoke the key ${k.name}?`,
                      consequence: vi
                        ? `Phần mềm dùng khóa này sẽ không tạo được mã đánh giá mới cho ${k.agency.name} nữa (bị từ chối 401). Các mã đã in trên giấy hẹn vẫn dùng được. Không hoàn tác được: cần tạo khóa mới.`
                        : `The software using this key can no longer mint rating codes for ${k.agency.name} (refused with 401). Codes already printed still work. This cannot be undone: create a new key.`,
                      confirm: vi ? 'Thu hồi khóa' : 'Revoke the key',
                    })
                    if (ok && (await action.run('POST', `/api/v1/api-keys/${k.id}/revoke`, {}))) list.reload()
                  }}
                >
                  {vi ? 'Thu hồi…' : 'Revoke…'}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
