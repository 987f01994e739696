import { TextPair, useField } from './fields.tsx'
import type { BDef, BScalePoint } from './model.ts'

/** The rating scales' labels (the faces' words on the tablet), Vietnamese and English side by side. */
export function ScalesEditor({ def, onChange }: { def: BDef; onChange(scales: Record<string, BScalePoint[]>): void }) {
  const { vi } = useField('scales')
  const names = Object.keys(def.scales)
  if (!names.length) return null
  return (
    <section class="card" aria-labelledby="scales">
      <h2 id="scales">{vi ? 'Thang đo' : 'Scales'}</h2>
      {names.map((name) => (
        <fieldset key={name} class="scale">
          <legend>{vi ? `Thang đo ${def.scales[name]!.length} mức` : `${def.scales[name]!.length}-point scale`}</legend>
          {def.scales[name]!.map((p, i) => (
            <TextPair
              key={p.value}
              path={`scales.${name}.${i}.label`}
              label={{ vi: `Mức ${p.value}`, en: `Level ${p.value}` }}
              value={p.label}
              onChange={(label) => onChange({ ...def.scales, [name]: def.scales[name]!.map((x, j) => (j === i ? { ...x, label } : x)) })}
            />
          ))}
        </fieldset>
      ))}
    </section>
  )
}
