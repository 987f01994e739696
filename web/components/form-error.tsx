import { useApp } from '../hooks/use-auth.ts'
import { fieldLabels } from '../lib/strings.ts'

/**
 * The server's refusal, with one line per field named as the form labels it (`labels`, else the common
 * names in strings.ts), never by its API key.
 */
export function FormError({ error, labels = {} }: { error: { message: string; fields: Record<string, string> } | null; labels?: Record<string, string> }) {
  const { tr } = useApp()
  if (!error) return null
  const fields = Object.entries(error.fields)
  const label = (field: string) =>
    labels[field] ??
    (fieldLabels[field as keyof typeof fieldLabels] ? tr(fieldLabels[field as keyof typeof fieldLabels]) : (labels[field.split('.').at(-1)!] ?? field.split('.').at(-1)!))
  return (
    <div class="form-error" role="alert">
      <p>{error.message}</p>
      {fields.length ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              <strong>{label(field)}</strong>: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
