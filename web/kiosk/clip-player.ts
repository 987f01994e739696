import type { ClipManifest } from './spoken.ts'

// Loaded on demand, and on purpose with no imports of its own: a dependency would pull Vite's preload
// helper into the kiosk's first load.

/** Shared with web/public/kiosk-sw.js, which keeps this cache when it replaces the app shell's. */
const CLIP_CACHE = 'hailong-kiosk-clips-v1'

/**
 * Fetches the kiosk's clip list and puts every clip in the Cache Storage the service worker also serves
 * from, so that the speaker plays with no network; clips no longer listed are dropped. Offline: null, and
 * the stored list stays.
 */
export async function refreshClips(secret: string | null, storageKey: string): Promise<ClipManifest | null> {
  if (!secret) return null
  let manifest: ClipManifest
  try {
    const res = await fetch('/api/v1/kiosk/clips', { headers: { Authorization: `Bearer ${secret}` }, cache: 'no-store' })
    if (!res.ok) return null
    manifest = (await res.json()) as ClipManifest
  } catch {
    return null
  }
  localStorage.setItem(storageKey, JSON.stringify(manifest))
  if (typeof caches !== 'undefined') {
    const cache = await caches.open(CLIP_CACHE)
    const urls = new Set(manifest.clips.map((c) => new URL(c.url, location.origin).href))
    const have = new Set((await cache.keys()).map((r) => r.url))
    await Promise.all([...urls].filter((u) => !have.has(u)).map((u) => cache.add(u).catch(() => {})))
    for (const u of have) if (!urls.has(u)) await cache.delete(u)
  }
  return manifest
}

let audio: HTMLAudioElement | null = null
let objectUrl = ''
let run = 0
let cancel = () => {}

/** The cached copy when there is one (played as a blob: no network, no service worker needed), else the URL. */
async function sourceOf(url: string): Promise<string> {
  const hit = typeof caches !== 'undefined' ? await caches.match(url).catch(() => undefined) : undefined
  if (!hit) return url
  URL.revokeObjectURL(objectUrl)
  objectUrl = URL.createObjectURL(await hit.blob())
  return objectUrl
}

export function stopClips() {
  run++
  audio?.pause()
  cancel()
}

/** Plays the clips one after another; `onDone` when the last has ended, failed or was stopped. */
export async function playClips(urls: string[], onDone: () => void) {
  stopClips()
  const mine = run
  if (!audio) {
    audio = document.createElement('audio')
    audio.dataset.spokenPrompt = ''
    document.body.append(audio)
  }
  const player = audio
  for (const url of urls) {
    if (mine !== run) break
    player.dataset.clip = url
    player.src = await sourceOf(url)
    // Not on 'pause': it comes just before 'ended' at the end of every clip.
    const ended = new Promise<void>((resolve) => {
      const finish = () => {
        player.removeEventListener('ended', finish)
        player.removeEventListener('error', finish)
        resolve()
      }
      cancel = finish
      player.addEventListener('ended', finish)
      player.addEventListener('error', finish)
    })
    try {
      await player.play()
    } catch {
      break
    }
    await ended
  }
  if (mine === run) onDone()
}
