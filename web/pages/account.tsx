import { roleName } from '../lib/roles.ts'
import { useState } from 'preact/hooks'
import { useLocation } from 'preact-iso'
import { PasswordField } from '../components/field.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client } from '../lib/client.ts'
import { strings } from '../lib/strings.ts'

export function AccountPage() {
  const { tr, auth, setAuth, lang } = useApp()
  const { route } = useLocation()
  const [current, setCurrent] = useState('')
  const [next, setNext] = useState('')
  const action = useAction()
  const meta = useGet(client.api.v1.dashboard.meta)
  const submit = async (e: Event) => {
    e.preventDefault()
    if (!(await action.call((c) => c.api.v1.auth.password.$post({ json: { current, next } })))) return
    setAuth(null)
    route('/login')
  }
  return (
    <section class="card narrow">
      <h1>{tr(strings.account)}</h1>
      <p>
        {auth?.user.displayName} ({auth?.user.username}) · {roleName(auth?.user.role ?? '', lang, strings.wholeScope(meta.data))}
        {auth?.user.agency ? ` · ${auth.user.agency.name}` : ''}
      </p>
      <h2>{tr(strings.changePassword)}</h2>
      <form onSubmit={submit}>
        <PasswordField id="current" name="current" autoComplete="current-password" label={tr(strings.currentPassword)} value={current} onValue={setCurrent} />
        <PasswordField id="next" name="next" autoComplete="new-password" minLength={10} label={tr(strings.newPassword)} value={next} onValue={setNext} />
        {action.error ? (
          <p class="form-error" role="alert">
            {action.error.message}
          </p>
        ) : null}
        <button type="submit">{tr(strings.changePassword)}</button>
      </form>
    </section>
  )
}
