/** The server's refusal, with one line per field. */
export function FormError({ error }: { error: { message: string; fields: Record<string, string> } | null }) {
  if (!error) return null
  const fields = Object.entries(error.fields)
  return (
    <div class="form-error" role="alert">
      <p>{error.message}</p>
      {fields.length ? (
        <ul>
          {fields.map(([field, message]) => (
            <li key={field}>
              <code>{field}</code>: {message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  )
}
