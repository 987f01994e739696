import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { useApp, type SignedIn } from '../hooks/use-auth.ts'
import { api, ApiError } from '../lib/api.ts'
import { strings as s } from '../lib/strings.ts'

export function LoginPage() {
  const { setAuth, tr, lang } = useApp()
  const { query, route } = useLocation()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [error, setError] = useState('')
  const [busy, setBusy] = useState(false)
  const submit = async (e: Event) => {
    e.preventDefault()
    setBusy(true)
    setError('')
    try {
      const signed = await api<SignedIn>('/api/v1/auth/login', { method: 'POST', json: { username, password } })
      setAuth(signed)
      const next = query.next && query.next.startsWith('/') && !query.next.startsWith('//') ? query.next : '/dashboard'
      route(next)
    } catch (err) {
      setError(err instanceof ApiError && err.body ? err.body.error.message[lang] : lang === 'vi' ? 'Không kết nối được máy chủ' : 'Cannot reach the server')
    } finally {
      setBusy(false)
    }
  }
  return (
    <section class="card narrow">
      <h1>{tr(s.signIn)}</h1>
      <form onSubmit={submit}>
        <label for="username">{tr(s.username)}</label>
        <input id="username" name="username" autoComplete="username" value={username} onInput={(e) => setUsername((e.target as HTMLInputElement).value)} required />
        <label for="password">{tr(s.password)}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onInput={(e) => setPassword((e.target as HTMLInputElement).value)}
          required
        />
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit" disabled={busy}>
          {tr(s.signIn)}
        </button>
      </form>
    </section>
  )
}
