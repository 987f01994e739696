import { useState } from 'preact/hooks'
import { useField } from './fields.tsx'

/**
 * JSON import and export, for advanced users and for moving a form between provinces. What is applied goes
 * through the same checks as anything typed in the builder.
 */
export function JsonPanel({ definition, filename, onImport }: { definition: unknown; filename: string; onImport(raw: unknown): void }) {
  const { vi } = useField('json')
  const [text, setText] = useState<string | null>(null)
  const [error, setError] = useState('')
  const shown = text ?? JSON.stringify(definition, null, 2)
  const apply = (raw: string) => {
    try {
      const parsed = JSON.parse(raw) as unknown
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(vi ? 'cần một đối tượng { … }' : 'an object { … } is needed')
      setError('')
      setText(null)
      onImport(parsed)
    } catch (e) {
      setError(`${vi ? 'JSON không hợp lệ' : 'Invalid JSON'}: ${(e as Error).message}`)
    }
  }
  const download = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(definition, null, 2)], { type: 'application/json' }))
    const a = document.createElement('a')
    a.href = url
    a.download = filename
    a.click()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return (
    <details class="card json-panel">
      <summary>{vi ? 'Nhập / xuất JSON (nâng cao)' : 'JSON import / export (advanced)'}</summary>
      <p class="muted small">
        {vi
          ? 'Dùng để chuyển phiếu giữa các tỉnh hoặc sửa nhanh; nội dung được kiểm tra như khi soạn.'
          : 'For moving a form between provinces or quick edits; it is checked like anything typed here.'}
      </p>
      <div class="actions-row">
        <button type="button" class="secondary small" onClick={download}>
          {vi ? 'Tải tệp JSON' : 'Download JSON'}
        </button>
        <label class="button secondary small file">
          {vi ? 'Nhập từ tệp JSON' : 'Import a JSON file'}
          <input
            type="file"
            accept="application/json,.json"
            class="sr-only"
            onChange={async (e) => {
              const file = (e.target as HTMLInputElement).files?.[0]
              if (file) apply(await file.text())
            }}
          />
        </label>
      </div>
      <label for="definition-json">{vi ? 'Nội dung phiếu (JSON)' : 'Definition (JSON)'}</label>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <textarea id="definition-json" class="code" rows={16} value={shown} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="actions-row">
        <button type="button" class="secondary small" disabled={text === null} onClick={() => text !== null && apply(text)}>
          {vi ? 'Áp dụng JSON' : 'Apply JSON'}
        </button>
      </div>
    </details>
  )
}
