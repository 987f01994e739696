import { useState } from 'preact/hooks'
import { AgencySelect } from '../components/agency-select.tsx'
import { useConfirm } from '../components/confirm.tsx'
import { TextField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { formatDate } from '../lib/format.ts'
import { s, strings } from '../lib/strings.ts'

type Key = Res<(typeof client.api.v1)['api-keys']['$get']>['items'][number]

const text = {
  title: s('Khóa API cho phần mềm Một cửa', 'API keys for the one-stop software'),
  agency: strings.agency,
  name: s('Tên (dùng cho hệ thống nào)', 'Name (which system uses it)'),
  create: s('Tạo khóa', 'Create a key'),
  createButton: s('Tạo khóa', 'Create key'),
  copyNow: s('Chép khóa này ngay: nó chỉ hiện một lần.', 'Copy this key now: it is shown only once.'),
  keys: s('Các khóa', 'Keys'),
  nameColumn: s('Tên', 'Name'),
  prefix: s('Đầu khóa', 'Prefix'),
  expires: s('Hết hạn', 'Expires'),
  lastUsed: s('Dùng lần cuối', 'Last used'),
  status: s('Trạng thái', 'Status'),
  revoked: s('Đã thu hồi', 'Revoked'),
  revokeMore: s('Thu hồi…', 'Revoke…'),
  revokeTitle: (name: string) => s(`Thu hồi khóa ${name}?`, `Revoke the key ${name}?`),
  revokeConsequence: (agency: string) =>
    s(
      `Phần mềm dùng khóa này sẽ không tạo được mã đánh giá mới cho ${agency} nữa (bị từ chối 401). Các mã đã in trên giấy hẹn vẫn dùng được. Không hoàn tác được: cần tạo khóa mới.`,
      `The software using this key can no longer mint rating codes for ${agency} (refused with 401). Codes already printed still work. This cannot be undone: create a new key.`,
    ),
  revoke: s('Thu hồi khóa', 'Revoke the key'),
}

/** API keys for the one-stop software (receipt codes): shown once when created, revocable. */
export function AdminApiKeysPage() {
  const { lang, auth, tr } = useApp()
  const list = useGet(client.api.v1['api-keys'])
  const action = useAction()
  const confirm = useConfirm()
  const [form, setForm] = useState({ agency: auth?.user.agency?.code ?? '', name: '' })
  const [created, setCreated] = useState<{ key: string; name: string } | null>(null)
  const day = (iso: string | null) => (iso ? formatDate(iso, lang, auth?.timeZone) : '—')
  const create = async (e: Event) => {
    e.preventDefault()
    const r = await action.call((c) => c.api.v1['api-keys'].$post({ json: form }))
    if (r) {
      setCreated(r)
      list.reload()
    }
  }
  const revoke = async (k: Key) => {
    const ok = await confirm.ask({ title: tr(text.revokeTitle(k.name)), consequence: tr(text.revokeConsequence(k.agency.name)), confirm: tr(text.revoke) })
    if (ok && (await action.call((c) => c.api.v1['api-keys'][':id'].revoke.$post({ param: { id: String(k.id) } })))) list.reload()
  }
  return (
    <>
      <h1>{tr(text.title)}</h1>
      {confirm.element}
      <FormError error={action.error} labels={{ agency: tr(text.agency), name: tr(text.name) }} />
      <section class="card">
        <h2>{tr(text.create)}</h2>
        <form class="filters" onSubmit={create}>
          <AgencySelect id="ak-agency" label={tr(text.agency)} value={form.agency} onChange={(agency) => setForm({ ...form, agency })} />
          <TextField id="ak-name" name="name" error={action.error} label={tr(text.name)} value={form.name} onValue={(name) => setForm({ ...form, name })} />
          <button type="submit">{tr(text.createButton)}</button>
        </form>
        {created ? (
          <div class="card notice-once" role="status">
            <p>
              <strong>{tr(text.copyNow)}</strong>
            </p>
            <code class="link-text">{created.key}</code>
          </div>
        ) : null}
      </section>
      <DataTable caption={tr(text.keys)} columns={[tr(text.nameColumn), tr(text.prefix), tr(text.agency), tr(text.expires), tr(text.lastUsed), tr(text.status)]}>
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
                tr(text.revoked)
              ) : (
                <button type="button" class="secondary small" onClick={() => void revoke(k)}>
                  {tr(text.revokeMore)}
                </button>
              )}
            </td>
          </tr>
        ))}
      </DataTable>
    </>
  )
}
