import { useRef, useState } from 'preact/hooks'
import { useApp } from '../hooks/use-auth.ts'
import { strings as s } from '../lib/strings.ts'

interface Ask {
  title: string
  /** What will happen, in words: "Máy sẽ không gửi được đánh giá mới; đánh giá đã gửi vẫn được tính." */
  consequence: string
  confirm: string
}

/**
 * A confirmation before a destructive action (revoke, deactivate, merge, retire, exclude): a modal dialog
 * saying what will happen, with the safe choice focused. `ask` resolves true only on the explicit button.
 */
export function useConfirm() {
  const { tr } = useApp()
  const dialog = useRef<HTMLDialogElement>(null)
  const [shown, setShown] = useState<Ask | null>(null)
  const resolver = useRef<(ok: boolean) => void>(() => undefined)
  const ask = (a: Ask) =>
    new Promise<boolean>((resolve) => {
      resolver.current = resolve
      setShown(a)
      // After the dialog has the new text.
      setTimeout(() => dialog.current?.showModal())
    })
  const close = (ok: boolean) => {
    dialog.current?.close()
    setShown(null)
    resolver.current(ok)
  }
  const element = (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" aria-describedby="confirm-text" onCancel={() => close(false)}>
      {shown ? (
        <>
          <h2 id="confirm-title">{shown.title}</h2>
          <p id="confirm-text">{shown.consequence}</p>
          <div class="actions-row">
            <button type="button" class="secondary" autoFocus onClick={() => close(false)}>
              {tr(s.cancel)}
            </button>
            <button type="button" class="danger" onClick={() => close(true)}>
              {shown.confirm}
            </button>
          </div>
        </>
      ) : null}
    </dialog>
  )
  return { ask, element }
}
