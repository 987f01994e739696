import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { strings as s } from '../lib/strings.ts'
import { SelectField } from './field.tsx'

/** The agencies the signed-in user may act on, by name (their code beside it), instead of a typed code. */
export function AgencySelect(props: {
  id: string
  label: string
  value: string
  onChange(code: string): void
  empty?: string
  exclude?: string
  required?: boolean
  /** The page's own list, when it changes while the page is open (a page that adds agencies). */
  options?: Array<{ code: string; name: string }>
}) {
  const { tr } = useApp()
  const meta = useGet(props.options ? null : client.api.v1.dashboard.meta)
  const agencies = [...(props.options ?? meta.data?.agencies ?? [])].filter((a) => a.code !== props.exclude).sort((a, b) => a.name.localeCompare(b.name, 'vi'))
  return (
    <SelectField id={props.id} label={props.label} value={props.value} required={props.required} onValue={props.onChange}>
      <option value="">{props.empty ?? tr(s.choose)}</option>
      {agencies.map((a) => (
        <option value={a.code} key={a.code}>
          {a.name}
        </option>
      ))}
    </SelectField>
  )
}
