import { useState } from 'preact/hooks'
import { s } from '../lib/strings.ts'
import { useField } from './fields.tsx'

const text = {
  objectNeeded: s('cần một đối tượng { … }', 'an object { … } is needed'),
  invalidJson: s('JSON không hợp lệ', 'Invalid JSON'),
  summary: s('Nhập / xuất JSON (nâng cao)', 'JSON import / export (advanced)'),
  purpose: s(
    'Dùng để chuyển phiếu giữa các tỉnh hoặc sửa nhanh; nội dung được kiểm tra như khi soạn.',
    'For moving a form between provinces or quick edits; it is checked like anything typed here.',
  ),
  downloadJson: s('Tải tệp JSON', 'Download JSON'),
  importJson: s('Nhập từ tệp JSON', 'Import a JSON file'),
  definition: s('Nội dung phiếu (JSON)', 'Definition (JSON)'),
  applyJson: s('Áp dụng JSON', 'Apply JSON'),
}

/**
 * JSON import and export, for advanced users and for moving a form between provinces. What is applied goes
 * through the same checks as anything typed in the builder.
 */
export function JsonPanel({ definition, filename, onImport }: { definition: unknown; filename: string; onImport(raw: unknown): void }) {
  const { tr } = useField('json')
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState('')
  const shown = draft ?? JSON.stringify(definition, null, 2)
  const apply = (raw: string) => {
    try {
      const parsed = JSON.parse(raw) as unknown
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(tr(text.objectNeeded))
      setError('')
      setDraft(null)
      onImport(parsed)
    } catch (e) {
      setError(`${tr(text.invalidJson)}: ${(e as Error).message}`)
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
      <summary>{tr(text.summary)}</summary>
      <p class="muted small">{tr(text.purpose)}</p>
      <div class="actions-row">
        <button type="button" class="secondary small" onClick={download}>
          {tr(text.downloadJson)}
        </button>
        <label class="button secondary small file">
          {tr(text.importJson)}
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
      <label for="definition-json">{tr(text.definition)}</label>
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <textarea id="definition-json" class="code" rows={16} value={shown} onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
      <div class="actions-row">
        <button type="button" class="secondary small" disabled={draft === null} onClick={() => draft !== null && apply(draft)}>
          {tr(text.applyJson)}
        </button>
      </div>
    </details>
  )
}
