import { useState } from 'preact/hooks'
import type { AnswerValue } from '../../server/domain/answers.ts'

export interface Draft {
  submissionId: string
  answers: Record<string, AnswerValue>
  page: number
}

/**
 * The answers being given, kept on the device while the page is open or closed, so a citizen can come
 * back and finish; the submission id is kept too, so a resend after a lost reply is not counted twice.
 */
export function useDraft(key: string): [Draft, (d: Draft) => void, boolean, () => void] {
  const storageKey = `hailong.draft.${key}`
  const [restored] = useState(() => localStorage.getItem(storageKey) !== null)
  const [draft, setDraft] = useState<Draft>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey) ?? 'null') as Draft | null
      if (saved?.submissionId) return saved
    } catch {
      /* a damaged draft is simply started again */
    }
    return { submissionId: crypto.randomUUID(), answers: {}, page: 0 }
  })
  // Saved as each answer is given, not in an effect: an effect runs after the next paint, and a citizen who
  // taps an answer and closes the tab at once would lose it.
  const save = (next: Draft) => {
    setDraft(next)
    try {
      localStorage.setItem(storageKey, JSON.stringify(next))
    } catch {
      /* storage full or disabled: the answers still live while the page is open */
    }
  }
  return [draft, save, restored, () => localStorage.removeItem(storageKey)]
}

/** Drops a draft that can no longer be sent (the code was used or expired). */
export function forgetDraft(key: string) {
  localStorage.removeItem(`hailong.draft.${key}`)
}
