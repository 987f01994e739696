import { useEffect, useState } from 'preact/hooks'
import type { CitizenLang } from '../lib/i18n.ts'
import { stored } from './device.ts'

/** The clips a kiosk may play (GET /api/v1/kiosk/clips): one hash URL per language and prompt. */
export interface ClipManifest {
  clips: Array<{ language: string; prompt: string; url: string }>
}

const CLIPS_KEY = 'hailong.kiosk.clips'
const REFRESH_MS = 5 * 60_000

export function storedClips(): ClipManifest | null {
  try {
    return JSON.parse(localStorage.getItem(CLIPS_KEY) ?? 'null') as ClipManifest | null
  } catch {
    return null
  }
}

/**
 * What to play for these prompts in this language: each prompt's clip, else its Vietnamese one; prompts
 * with neither are skipped. Empty: the screen shows no speaker button (never one that does nothing).
 */
export function clipUrls(manifest: ClipManifest | null | undefined, prompts: string[], lang: CitizenLang): string[] {
  const find = (language: string, prompt: string) => manifest?.clips.find((c) => c.language === language && c.prompt === prompt)?.url
  return prompts.map((p) => find(lang, p) ?? find('vi', p)).filter((u): u is string => !!u)
}

/**
 * The manifest as last stored (so an offline start can speak), refreshed after the first screen is up:
 * the code that fetches and caches the clips loads only then, outside the kiosk's first-load budget.
 */
export function useClips(enabled: boolean): ClipManifest | null {
  const [manifest, setManifest] = useState(storedClips)
  useEffect(() => {
    if (!enabled) return
    const refresh = () =>
      void import('./clip-player.ts')
        .then((m) => m.refreshClips(stored.secret(), CLIPS_KEY))
        .then((next) => next && setManifest(next))
        .catch(() => {})
    refresh()
    const timer = setInterval(refresh, REFRESH_MS)
    return () => clearInterval(timer)
  }, [enabled])
  return manifest
}
