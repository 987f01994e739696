import { useEffect, useState } from 'preact/hooks'
import type { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import type { Lang } from '../lib/i18n.ts'

/** What the builder sends to its preview frames (same origin only). */
export interface PreviewMessage {
  type: 'hailong-preview'
  definition: SurveyDefinition
  lang: Lang
  /** changes when the builder asks to start the preview again from its first screen */
  restart: number
}

/**
 * The definition the builder is editing, as it changes. The frame says it is ready, so the builder sends
 * its current state even when the frame loaded after the last change.
 */
export function usePreview(): PreviewMessage | null {
  const [message, setMessage] = useState<PreviewMessage | null>(null)
  useEffect(() => {
    const on = (e: MessageEvent) => {
      if (e.origin !== location.origin || (e.data as PreviewMessage)?.type !== 'hailong-preview') return
      setMessage(e.data as PreviewMessage)
    }
    addEventListener('message', on)
    parent.postMessage({ type: 'hailong-preview-ready' }, location.origin)
    return () => removeEventListener('message', on)
  }, [])
  return message
}
