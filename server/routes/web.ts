import fs from 'node:fs'
import path from 'node:path'
import { Hono } from 'hono'

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
}

function listFiles(root: string, dir = root, out = new Map<string, string>()) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    // Build metadata (.vite/manifest.json) is for the tests, not for browsers.
    if (entry.name.startsWith('.')) continue
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) listFiles(root, full, out)
    else out.set('/' + path.relative(root, full).split(path.sep).join('/'), full)
  }
  return out
}

/**
 * Serves the built web app. Only files that exist at start-up are served, looked up by exact path, so no
 * request path can reach outside the build. Each role has its own HTML entry so the kiosk loads no
 * dashboard code.
 */
export function webRoutes(root: string) {
  const files = fs.existsSync(root) ? listFiles(root) : new Map<string, string>()
  const send = (file: string, cache: string) => {
    const body = fs.readFileSync(file)
    return new Response(body, {
      headers: { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': cache },
    })
  }
  const page = (name: string) => () => {
    const file = files.get(`/${name}.html`)
    return file ? send(file, 'no-cache') : new Response('Web app not built: run npm run build', { status: 503 })
  }
  return new Hono()
    .get('/kiosk', page('kiosk'))
    .get('/kiosk/*', page('kiosk'))
    .get('/d/:token', page('survey'))
    .get('/r/:token', page('survey'))
    .get('/preview/phone', page('preview'))
    .get('/preview/kiosk', page('preview'))
    .get('*', (c, next) => {
      const file = files.get(c.req.path)
      if (file && !file.endsWith('.html')) return send(file, c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      if (c.req.path.startsWith('/api/') || path.extname(c.req.path)) return next()
      return page('index')()
    })
}
