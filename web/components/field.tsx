import type { ComponentChildren, JSX } from 'preact'
import type { ActionError } from '../hooks/use-action.ts'

/** What every labelled control takes; `error` + `name` put the server's reason for that field beside it. */
export interface FieldProps {
  id: string
  label: ComponentChildren
  /** The API's name for the field (as in the refusal's details); defaults to none, so no reason beside it. */
  name?: string
  /** useAction's `error`: the reason for `name`, if any, shows under the control. */
  error?: ActionError | null
  /** A reason from the page's own check (a file that is not JSON); shown like the server's. */
  reason?: string
  hint?: ComponentChildren
  required?: boolean
  /** 'stacked': label above a full-width control (narrow forms); default: one cell of a `.filters` row. */
  layout?: 'cell' | 'stacked'
}

type Own = 'id' | 'label' | 'name' | 'value' | 'required' | 'onInput' | 'onChange'
type InputProps = FieldProps & { value: string | number; onValue(value: string): void } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, Own>
type SelectProps = FieldProps & { value: string; onValue(value: string): void; children: ComponentChildren } & Omit<JSX.SelectHTMLAttributes<HTMLSelectElement>, Own>
type FileProps = FieldProps & { onFile(file: File | undefined): void } & Omit<JSX.InputHTMLAttributes<HTMLInputElement>, Own | 'type'>
type TextAreaProps = FieldProps & { value: string; onValue(value: string): void } & Omit<JSX.TextareaHTMLAttributes<HTMLTextAreaElement>, Own>

/**
 * The label, hint and field-level reason around one control, and the attributes that tie them to it
 * (`aria-describedby`, `aria-invalid`), so no page writes that block by hand.
 */
function fieldParts({ id, label, name, error, reason: own, hint, required, layout = 'cell' }: FieldProps) {
  const reason = own || (name ? error?.fields[name] : undefined)
  const describedBy = [hint ? `${id}-hint` : '', reason ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined
  const aria = { id, required, 'aria-describedby': describedBy, 'aria-invalid': reason ? (true as const) : undefined }
  const wrap = (control: ComponentChildren) => (
    <div class={`${layout === 'stacked' ? 'field stacked' : 'filter'}${required ? ' is-required' : ''}`}>
      <label for={id}>{label}</label>
      {control}
      {hint ? (
        <small id={`${id}-hint`} class="muted">
          {hint}
        </small>
      ) : null}
      {reason ? (
        <small id={`${id}-error`} class="field-error">
          {reason}
        </small>
      ) : null}
    </div>
  )
  return { aria, wrap }
}

const split = <P extends FieldProps>({ id, label, name, error, reason, hint, required, layout, ...rest }: P) => ({
  field: { id, label, name, error, reason, hint, required, layout },
  rest,
})

export function TextField(props: InputProps) {
  const { field, rest } = split(props)
  const { value, onValue, ...attrs } = rest
  const { aria, wrap } = fieldParts(field)
  return wrap(<input {...attrs} {...aria} value={value} onInput={(e) => onValue((e.target as HTMLInputElement).value)} />)
}

/** A password, label above (the sign-in and account forms); `autoComplete` tells the password manager which one. */
export function PasswordField(props: Omit<InputProps, 'type' | 'layout' | 'autoComplete'> & { autoComplete: 'current-password' | 'new-password' }) {
  return <TextField {...props} layout="stacked" type="password" />
}

export function SelectField(props: SelectProps) {
  const { field, rest } = split(props)
  const { value, onValue, children, ...attrs } = rest
  const { aria, wrap } = fieldParts(field)
  return wrap(
    <select {...attrs} {...aria} value={value} onChange={(e) => onValue((e.target as HTMLSelectElement).value)}>
      {children}
    </select>,
  )
}

export function TextAreaField(props: TextAreaProps) {
  const { field, rest } = split(props)
  const { value, onValue, ...attrs } = rest
  const { aria, wrap } = fieldParts(field)
  return wrap(<textarea {...attrs} {...aria} value={value} onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)} />)
}

/** A file picker; the page reads the chosen file (`onFile`), the control holds no value of its own. */
export function FileField(props: FileProps) {
  const { field, rest } = split(props)
  const { onFile, ...attrs } = rest
  const { aria, wrap } = fieldParts(field)
  return wrap(<input {...attrs} {...aria} type="file" onChange={(e) => onFile((e.target as HTMLInputElement).files?.[0])} />)
}
