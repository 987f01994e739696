import { useEffect, useRef, useState } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { useAction } from '../hooks/use-action.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { integrity as t, EXCLUSION_REASONS, EXCLUSION_REASON_TEXT } from '../lib/integrity-strings.ts'

export interface ConfirmSpec {
  title: LocalizedText
  /** What will happen, in words, before anything does. */
  explain: LocalizedText
  confirm: LocalizedText
  method?: string
  path: string
  /** Ask for an exclusion reason (select) and/or a written note. */
  reason?: boolean
  note?: 'required' | 'optional' | 'none'
  /** The request body, from what was chosen. */
  body: (v: { reason: string; note: string }) => unknown
}

/**
 * A modal that says what will happen, asks for the reason when one is needed, sends the request and shows
 * the server's refusal beside the form (never a silent button). Closes and calls `done` on success.
 */
export function ConfirmDialog({ spec, onClose, done }: { spec: ConfirmSpec; onClose: () => void; done: () => void }) {
  const { tr } = useApp()
  const ref = useRef<HTMLDialogElement>(null)
  const { run, error, busy } = useAction()
  const [reason, setReason] = useState<string>(EXCLUSION_REASONS[0])
  const [note, setNote] = useState('')
  useEffect(() => {
    ref.current?.showModal?.()
  }, [])
  const submit = async (e: Event) => {
    e.preventDefault()
    const ok = await run(spec.method ?? 'POST', spec.path, spec.body({ reason, note: note.trim() }))
    if (ok !== null) done()
  }
  const noteMode = spec.note ?? 'required'
  return (
    <dialog ref={ref} class="confirm-dialog" aria-labelledby="confirm-title" onClose={onClose}>
      <form onSubmit={submit}>
        <h2 id="confirm-title">{tr(spec.title)}</h2>
        <p>{tr(spec.explain)}</p>
        {spec.reason ? (
          <div class="field">
            <label for="confirm-reason">{tr(t.reasonLabel)}</label>
            <select id="confirm-reason" value={reason} onChange={(e) => setReason((e.target as HTMLSelectElement).value)}>
              {EXCLUSION_REASONS.map((r) => (
                <option key={r} value={r}>
                  {tr(EXCLUSION_REASON_TEXT[r])}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {noteMode !== 'none' ? (
          <div class="field">
            <label for="confirm-note">{tr(t.noteLabel)}</label>
            <textarea
              id="confirm-note"
              rows={3}
              maxLength={500}
              required={noteMode === 'required'}
              value={note}
              onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)}
            />
            {error?.fields.note || error?.fields.reason ? <p class="form-error">{error.fields.note ?? error.fields.reason}</p> : null}
          </div>
        ) : null}
        {error ? (
          <p class="form-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <div class="actions-row">
          <button type="submit" disabled={busy}>
            {tr(spec.confirm)}
          </button>
          <button type="button" class="secondary" onClick={() => ref.current?.close()}>
            {tr(t.cancel)}
          </button>
        </div>
      </form>
    </dialog>
  )
}

/**
 * A page's confirmations, one at a time: `ask(spec)` opens the dialog; once its request succeeds, `element`
 * (placed where the page says what happened) shows `noticeOf(spec)` and `onDone` runs (read the list again).
 */
export function useConfirmDialog(noticeOf: (spec: ConfirmSpec) => string, onDone: () => void) {
  const [dialog, setDialog] = useState<ConfirmSpec | null>(null)
  const [notice, setNotice] = useState('')
  const done = (spec: ConfirmSpec) => {
    setNotice(noticeOf(spec))
    setDialog(null)
    onDone()
  }
  const element = (
    <>
      {notice ? <p role="status">{notice}</p> : null}
      {dialog ? <ConfirmDialog spec={dialog} onClose={() => setDialog(null)} done={() => done(dialog)} /> : null}
    </>
  )
  return { ask: setDialog, element }
}
