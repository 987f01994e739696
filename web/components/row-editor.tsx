import type { ComponentChildren } from 'preact'
import type { ActionError } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { s } from '../lib/strings.ts'
import { FormError } from './form-error.tsx'

const save = s('Lưu', 'Save')

/**
 * A table row's small editor (a desk's name and surveys, a tablet's name and desk): the button that opens
 * it, saying whether it is open, the form under it with its save button, and the server's refusal. The
 * caller owns `open` (it fetches what the form needs only while open) and closes it after a save; `between`
 * stands between the button and the form (the row's other buttons).
 */
export function RowEditor(props: {
  id: string
  label: ComponentChildren
  open: boolean
  setOpen(open: boolean): void
  onSubmit(e: Event): void
  action: { busy: boolean; error: ActionError | null }
  /** The form's fields by their API names, for the refusal's lines. */
  labels: Record<string, string>
  between?: ComponentChildren
  children: ComponentChildren
}) {
  const { tr } = useApp()
  return (
    <>
      <button type="button" class="secondary small" aria-expanded={props.open} aria-controls={props.id} onClick={() => props.setOpen(!props.open)}>
        {props.label}
      </button>
      {props.between}
      {props.open ? (
        <form id={props.id} class="desk-edit" onSubmit={props.onSubmit}>
          {props.children}
          <button type="submit" disabled={props.action.busy}>
            {tr(save)}
          </button>
        </form>
      ) : null}
      <FormError error={props.action.error} labels={props.labels} />
    </>
  )
}
