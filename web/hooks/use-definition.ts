import type { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import { client } from '../lib/client.ts'
import { useGet } from './use-fetch.ts'

/** The newest published definition of an instrument: element and criterion labels for the charts. */
export function useDefinition(instrument: string) {
  const list = useGet(client.api.v1.surveys)
  const latest = list.data?.surveys.filter((s) => s.instrument === instrument).sort((a, b) => b.version - a.version)[0]
  const def = useGet(latest ? client.api.v1.surveys[':key'] : null, { param: { key: latest?.key ?? '' } })
  return def.data?.definition ?? null
}

export function elementsOf(def: SurveyDefinition | null, tr: (t: { vi: string; en: string }) => string) {
  return def && def.index.method === 'share' ? (def.index.elements ?? []).map((e) => ({ id: e.id, label: tr(e.text) })) : []
}

export function criterionLabel(def: SurveyDefinition | null, id: string, tr: (t: { vi: string; en: string }) => string) {
  const q = def?.pages.flatMap((p) => p.questions).find((x) => x.id === id)
  // Staff read the question as citizens saw it; its id is for files and the API only.
  return q ? tr(q.text) : id
}
