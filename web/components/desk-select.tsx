import type { LocalizedText } from '../../server/domain/text.ts'
import { useApp } from '../hooks/use-auth.ts'
import { strings } from '../lib/strings.ts'

/** The "which desk" filter the heat map and the alert rules share: empty value means every desk. */
export function DeskSelect({
  id,
  desks,
  value,
  onChange,
  allLabel,
}: {
  id: string
  desks: Array<{ id: number; name: string }>
  value: string
  onChange: (deskId: string) => void
  allLabel: LocalizedText
}) {
  const { tr } = useApp()
  return (
    <div class="filter">
      <label for={id}>{tr(strings.desk)}</label>
      <select id={id} value={value} onChange={(e) => onChange((e.target as HTMLSelectElement).value)}>
        <option value="">{tr(allLabel)}</option>
        {desks.map((d) => (
          <option key={d.id} value={String(d.id)}>
            {d.name}
          </option>
        ))}
      </select>
    </div>
  )
}
