import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { PasswordField, TextField } from '../components/field.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { strings } from '../lib/strings.ts'

export function LoginPage() {
  const { setAuth, tr } = useApp()
  const { query, route } = useLocation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const action = useAction()
  const submit = async (e: Event) => {
    e.preventDefault()
    const signed = await action.call((c) => c.api.v1.auth.login.$post({ json: { username, password } }))
    if (!signed) return
    setAuth(signed)
    const next = query.next && query.next.startsWith('/') && !query.next.startsWith('//') ? query.next : '/dashboard'
    route(next)
  }
  return (
    <section class="card narrow">
      <h1>{tr(strings.signIn)}</h1>
      <form onSubmit={submit}>
        <TextField layout="stacked" id="username" name="username" autoComplete="username" label={tr(strings.username)} value={username} onValue={setUsername} required />
        <PasswordField id="password" name="password" autoComplete="current-password" label={tr(strings.password)} value={password} onValue={setPassword} required />
        {action.error ? (
          <p class="form-error" role="alert">
            {action.error.message}
          </p>
        ) : null}
        <button type="submit" disabled={action.busy}>
          {tr(strings.signIn)}
        </button>
      </form>
    </section>
  )
}
