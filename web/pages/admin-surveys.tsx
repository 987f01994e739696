import { useState } from 'preact/hooks'
import { FormError } from '../components/form-error.tsx'
import { DataTable } from '../components/data-table.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useFetch } from '../hooks/use-fetch.ts'

interface Version {
  id: number
  key: string
  instrument: string
  version: number
  status: 'draft' | 'published' | 'retired'
  responses: number
  definition: Record<string, unknown>
}

const statusVi = { draft: 'Nháp', published: 'Đã ban hành', retired: 'Ngừng dùng' }

/**
 * Survey versions: a new version starts as a copy of an existing one, is edited as JSON (every
 * validation problem shown with its path), then published — immutable from then on — and later retired.
 */
export function AdminSurveysPage() {
  const { lang } = useApp()
  const vi = lang === 'vi'
  const list = useFetch<{ versions: Version[] }>('/api/v1/admin/surveys')
  const action = useAction()
  const [editing, setEditing] = useState<{ id: number | null; instrument: string; text: string } | null>(null)
  const [jsonError, setJsonError] = useState('')
  const startFrom = (v: Version) => {
    const { instrument: _i, version: _v, ...rest } = v.definition
    setEditing({ id: v.status === 'draft' ? v.id : null, instrument: v.instrument, text: JSON.stringify(rest, null, 2) })
  }
  const save = async () => {
    if (!editing) return
    let definition: unknown
    try {
      definition = JSON.parse(editing.text)
      setJsonError('')
    } catch (e) {
      return setJsonError(`${vi ? 'JSON không hợp lệ' : 'Invalid JSON'}: ${(e as Error).message}`)
    }
    const ok = editing.id ? await action.run('PUT', `/api/v1/admin/surveys/${editing.id}`, { definition }) : await action.run('POST', '/api/v1/admin/surveys', { instrument: editing.instrument, definition })
    if (ok) {
      setEditing(null)
      list.reload()
    }
  }
  const transition = async (v: Version, to: 'publish' | 'retire') => (await action.run('POST', `/api/v1/admin/surveys/${v.id}/${to}`, {})) && list.reload()
  return (
    <>
      <h1>{vi ? 'Phiếu khảo sát và phiên bản' : 'Surveys and versions'}</h1>
      <FormError error={action.error} />
      <DataTable caption={vi ? 'Các phiên bản' : 'Versions'} columns={[vi ? 'Phiên bản' : 'Version', vi ? 'Trạng thái' : 'Status', vi ? 'Số phiếu' : 'Responses', vi ? 'Thao tác' : 'Actions']}>
        {list.data?.versions.map((v) => (
          <tr key={v.id}>
            <th scope="row">{v.key}</th>
            <td>{vi ? statusVi[v.status] : v.status}</td>
            <td class="num">{v.responses}</td>
            <td class="row-actions">
              <button type="button" class="secondary small" onClick={() => startFrom(v)}>
                {v.status === 'draft' ? (vi ? 'Sửa nháp' : 'Edit draft') : vi ? 'Tạo phiên bản mới từ đây' : 'New version from this'}
              </button>
              {v.status === 'draft' ? (
                <button type="button" class="small" onClick={() => transition(v, 'publish')}>
                  {vi ? 'Ban hành' : 'Publish'}
                </button>
              ) : null}
              {v.status === 'published' ? (
                <button type="button" class="secondary small" onClick={() => transition(v, 'retire')}>
                  {vi ? 'Ngừng dùng' : 'Retire'}
                </button>
              ) : null}
            </td>
          </tr>
        ))}
      </DataTable>
      {editing ? (
        <section class="card">
          <h2>
            {editing.id ? (vi ? 'Sửa bản nháp' : 'Edit draft') : vi ? 'Phiên bản mới của' : 'New version of'} {editing.instrument}
          </h2>
          <label for="definition">{vi ? 'Nội dung phiếu (JSON)' : 'Definition (JSON)'}</label>
          {jsonError ? (
            <p class="form-error" role="alert">
              {jsonError}
            </p>
          ) : null}
          <textarea id="definition" rows={24} class="code" value={editing.text} onInput={(e) => setEditing({ ...editing, text: (e.target as HTMLTextAreaElement).value })} />
          <div class="actions-row">
            <button type="button" onClick={save} disabled={action.busy}>
              {vi ? 'Lưu bản nháp' : 'Save draft'}
            </button>
            <button type="button" class="secondary" onClick={() => setEditing(null)}>
              {vi ? 'Huỷ' : 'Cancel'}
            </button>
          </div>
        </section>
      ) : null}
    </>
  )
}
