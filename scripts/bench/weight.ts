// Page weight: what each audience downloads before its first screen (JS+CSS, gzip).
// @ts-expect-error plain ESM helper shared with `npm start`
import { ensureWebBuilt } from '../build-web.mjs'
import { firstLoadBytes, row, type Row, type Section } from './lib.ts'

const BUDGET = 20_480

export const weight: Section = {
  name: 'weight',
  async run(): Promise<Row[]> {
    await ensureWebBuilt({ quiet: true })
    return [
      ['kiosk.html', 'kiosk first load'],
      ['survey.html', 'phone survey first load'],
      ['index.html', 'staff app first load'],
    ].map(([entry, what]) => {
      const bytes = firstLoadBytes(entry!)
      return row('Page weight', `${what}, JS+CSS gzip (bytes)`, bytes.toLocaleString('en-US'), '≤ 20,480', bytes <= BUDGET)
    })
  },
}
