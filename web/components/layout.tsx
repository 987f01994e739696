import type { ComponentChildren } from 'preact'
import { useLocation } from 'preact-iso'
import { useApp } from '../hooks/use-auth.ts'
import { api } from '../lib/api.ts'
import { navStrings as s } from '../lib/nav-strings.ts'
import { LangSwitch } from './lang-switch.tsx'

/** Header with navigation, language and account; print views hide it. */
export function Layout({ children }: { children: ComponentChildren }) {
  const { auth, setAuth, lang, setLang, tr } = useApp()
  const { url, route } = useLocation()
  const signOut = async () => {
    await api('/api/v1/auth/logout', { method: 'POST', csrf: auth?.csrfToken }).catch(() => undefined)
    setAuth(null)
    route('/login')
  }
  const link = (href: string, label: string) => (
    <a href={href} aria-current={url.startsWith(href) ? 'page' : undefined}>
      {label}
    </a>
  )
  return (
    <>
      <header class="app-header no-print">
        <a class="brand" href="/">
          hailong · {tr(s.appName)}
        </a>
        {auth ? (
          <nav aria-label={tr(s.mainNav)}>
            {link('/dashboard', tr(s.dashboard))}
            {link('/live', tr(s.live))}
            {link('/comments', tr(s.comments))}
            {auth.user.role !== 'viewer' ? link('/admin/moderation', tr(s.moderation)) : null}
            {auth.user.role !== 'viewer' ? link('/admin/agencies', tr(s.agencies)) : null}
            {link('/admin/kiosks', tr(s.kiosks))}
            {auth.user.role !== 'viewer' ? link('/admin/api-keys', tr(s.apiKeys)) : null}
            {auth.user.role !== 'viewer' ? link('/admin/import', tr(s.paperEntry)) : null}
            {auth.user.role !== 'viewer' ? link('/admin/users', tr(s.users)) : null}
            {auth.user.role === 'admin' ? link('/admin/surveys', tr(s.surveys)) : null}
            {auth.user.role === 'admin' ? link('/admin/privacy', tr(s.privacy)) : null}
            {auth.user.role === 'admin' ? link('/admin/languages', tr(s.languages)) : null}
            {auth.user.role === 'admin' ? link('/admin/audit', tr(s.audit)) : null}
            {link('/account', tr(s.account))}
          </nav>
        ) : null}
        <div class="header-end">
          <LangSwitch lang={lang} onChange={setLang} />
          {auth ? (
            <>
              <span class="who">
                {auth.user.displayName}
                {auth.user.agency ? ` · ${auth.user.agency.name}` : ''}
              </span>
              <button type="button" class="link-button" onClick={signOut}>
                {tr(s.signOut)}
              </button>
            </>
          ) : (
            <a href="/login">{tr(s.signIn)}</a>
          )}
        </div>
      </header>
      <main id="main" class="page">
        {children}
      </main>
    </>
  )
}
