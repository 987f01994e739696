import { s } from '../lib/strings.ts'
import { TextPair, useField } from './fields.tsx'
import type { BDef, BScalePoint } from './model.ts'

const text = {
  scales: s('Thang đo', 'Scales'),
  scale: (n: number) => s(`Thang đo ${n} mức`, `${n}-point scale`),
  level: (n: number) => s(`Mức ${n}`, `Level ${n}`),
}

/** The rating scales' labels (the faces' words on the tablet), Vietnamese and English side by side. */
export function ScalesEditor({ def, onChange }: { def: BDef; onChange(scales: Record<string, BScalePoint[]>): void }) {
  const { tr } = useField('scales')
  const names = Object.keys(def.scales)
  if (!names.length) return null
  return (
    <section class="card" aria-labelledby="scales">
      <h2 id="scales">{tr(text.scales)}</h2>
      {names.map((name) => (
        <fieldset key={name} class="scale">
          <legend>{tr(text.scale(def.scales[name]!.length))}</legend>
          {def.scales[name]!.map((p, i) => (
            <TextPair
              key={p.value}
              path={`scales.${name}.${i}.label`}
              label={text.level(p.value)}
              value={p.label}
              onChange={(label) => onChange({ ...def.scales, [name]: def.scales[name]!.map((x, j) => (j === i ? { ...x, label } : x)) })}
            />
          ))}
        </fieldset>
      ))}
    </section>
  )
}
