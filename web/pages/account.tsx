import { roleName } from '../lib/roles.ts'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { useApp } from '../hooks/use-auth.ts'
import { api, ApiError } from '../lib/api.ts'
import { strings as s } from '../lib/strings.ts'

export function AccountPage() {
  const { tr, auth, setAuth, lang } = useApp()
  const { route } = useLocation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const [error, setError] = useState('')
  const submit = async (e: Event) => {
    e.preventDefault()
    try {
      await api('/api/v1/auth/password', { method: 'POST', csrf: auth?.csrfToken, json: { current, next } })
      setAuth(null)
      route('/login')
    } catch (err) {
      setError(err instanceof ApiError && err.body ? err.body.error.message[lang] : String(err))
    }
  }
  return (
    <section class="card narrow">
      <h1>{tr(s.account)}</h1>
      <p>
        {auth?.user.displayName} ({auth?.user.username}) · {roleName(auth?.user.role ?? '', lang)}
        {auth?.user.agency ? ` · ${auth.user.agency.name}` : ''}
      </p>
      <h2>{tr(s.changePassword)}</h2>
      <form onSubmit={submit}>
        <label for="current">{tr(s.currentPassword)}</label>
        <input id="current" type="password" autoComplete="current-password" value={current} onInput={(e) => setCurrent((e.target as HTMLInputElement).value)} />
        <label for="next">{tr(s.newPassword)}</label>
        <input id="next" type="password" autoComplete="new-password" minLength={10} value={next} onInput={(e) => setNext((e.target as HTMLInputElement).value)} />
        {error ? (
          <p class="form-error" role="alert">
            {error}
          </p>
        ) : null}
        <button type="submit">{tr(s.changePassword)}</button>
      </form>
    </section>
  )
}
