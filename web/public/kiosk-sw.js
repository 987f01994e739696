// The kiosk's service worker: keeps the app shell (the page and its built assets) so that the tablet
// starts and takes ratings with no network. Responses are never handled here: they wait in IndexedDB
// and are sent by the page's drainer. Plain JS, served as-is from the site root, scope /kiosk.
const CACHE = 'hailong-kiosk-shell-v1'
// Spoken prompts (web/kiosk/clip-player.ts CLIP_CACHE): filled by the page from the clip list, kept across shell updates.
const CLIPS = 'hailong-kiosk-clips-v1'
const CLIP_PATH = '/api/v1/audio/'
const SHELL = '/kiosk'
const EXTRA = ['/kiosk.webmanifest', '/kiosk-icon.svg', '/kiosk-icon-192.png', '/kiosk-icon-512.png']

/** Caches the page and every asset it references (script, module preload, stylesheet). */
async function cacheShell(response) {
  const cache = await caches.open(CACHE)
  const html = await response.clone().text()
  const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1])
  await cache.addAll([...new Set(assets)])
  await cache.put(SHELL, response)
  // Assets of earlier versions are no longer referenced: drop them so the cache does not grow.
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname
    if (path.startsWith('/assets/') && !assets.includes(path)) await cache.delete(request)
  }
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      await cacheShell(await fetch(SHELL, { cache: 'no-store' }))
      const cache = await caches.open(CACHE)
      await Promise.all(EXTRA.map((url) => cache.add(url).catch(() => {})))
      await self.skipWaiting()
    })(),
  )
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE && key !== CLIPS) await caches.delete(key)
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  if (event.request.method !== 'GET' || url.origin !== self.location.origin) return
  if (event.request.mode === 'navigate' && (url.pathname === SHELL || url.pathname.startsWith(`${SHELL}/`))) {
    // Network first, so a new version reaches the tablet; the cached shell when offline.
    event.respondWith(
      fetch(event.request)
        .then((res) => {
          if (res.ok) event.waitUntil(cacheShell(res.clone()).catch(() => {}))
          return res
        })
        .catch(async () => (await caches.match(SHELL)) ?? Response.error()),
    )
  } else if (url.pathname.startsWith(CLIP_PATH)) {
    // A clip's URL is its content hash: once cached, it plays offline for ever (until it leaves the list).
    event.respondWith(
      caches.open(CLIPS).then(async (cache) => {
        const hit = await cache.match(url.href)
        if (hit) return hit
        const res = await fetch(url.href)
        if (res.ok) await cache.put(url.href, res.clone())
        return res
      }),
    )
  } else if (url.pathname.startsWith('/assets/') || EXTRA.includes(url.pathname)) {
    // Built assets have content hashes: a cached one is always right.
    event.respondWith(
      caches.match(event.request).then(
        (hit) =>
          hit ??
          fetch(event.request).then(async (res) => {
            if (res.ok) await (await caches.open(CACHE)).put(event.request, res.clone())
            return res
          }),
      ),
    )
  }
})
