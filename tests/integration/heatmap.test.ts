import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { makeAgency, makeDesk, makeKiosk, post, signIn, submission } from '../helpers/factories.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'

let t: TestApp
afterEach(async () => {
  await t?.close()
})

describe('hour × weekday heat map', () => {
  // On a SQLite file the map's scan runs in the reader thread, on a connection of its own: the same map.
  it.each([{ thread: false }, { thread: true }])(
    'places ratings at their local weekday and hour with n per cell; cells below the minimum have no index; also a sheet of the XLSX (reader thread: $thread)',
    async ({ thread }) => {
      // Wednesday 2026-05-13 18:00 in Vietnam.
      t = await createTestApp({ now: '2026-05-13T11:00:00.000Z', intakeWriter: thread, reader: thread })
      expect(t.reader !== undefined).toBe(thread && t.kind === 'sqlite')
      const agency = await makeAgency(t.db, { code: 'STP' })
      const other = await makeAgency(t.db, { code: 'SXD' })
      const desk = await makeDesk(t.db, agency.id)
      const otherDesk = await makeDesk(t.db, other.id)
      // Paired before the ratings they send (a tablet's ratings never predate its pairing).
      const pair = async (deskId: number) => {
        t.clock.set('2026-05-01T00:00:00.000Z')
        const secret = (await post(t.app, '/api/v1/kiosk/pair', { code: (await makeKiosk(t.db, deskId, t.clock.now())).code })).body.secret as string
        t.clock.set('2026-05-13T11:00:00.000Z')
        return secret
      }
      const [mine, theirs] = [await pair(desk.id), await pair(otherDesk.id)]
      // Monday 11 May, 09:xx local (02:xx UTC): 12 ratings, 9 of them 4 or 5. Tuesday 14:xx local: 3 ratings.
      const monday = Array.from({ length: 12 }, (_, i) => submission({ overall: i < 9 ? 5 : 1 }, { givenAt: `2026-05-11T02:${String(i * 4).padStart(2, '0')}:00.000Z` }))
      const tuesday = Array.from({ length: 3 }, (_, i) => submission({ overall: 4 }, { givenAt: `2026-05-12T07:${String(i * 10).padStart(2, '0')}:00.000Z` }))
      expect((await post(t.app, '/api/v1/responses/batch', { items: [...monday, ...tuesday] }, mine)).body.created).toBe(15)
      const elsewhere = Array.from({ length: 5 }, (_, i) => submission({ overall: 1 }, { givenAt: `2026-05-11T02:${String(i * 5).padStart(2, '0')}:00.000Z` }))
      expect((await post(t.app, '/api/v1/responses/batch', { items: elsewhere }, theirs)).body.created).toBe(5)

      const manager = await signIn(t, 'manager', agency.id)
      const res = await t.app.request('/api/v1/dashboard/heatmap?survey=mot-cua&period=2026-Q2', { headers: manager.headers })
      expect(res.status).toBe(200)
      const map = await res.json()
      expect(map.n).toBe(15) // the other agency's ratings are outside the manager's scope
      const cell = (weekday: number, hour: number) => map.cells.find((c: any) => c.weekday === weekday && c.hour === hour)
      expect(cell(0, 9)).toEqual({ weekday: 0, hour: 9, n: 12, index: 75, sufficient: true })
      expect(cell(1, 14)).toEqual({ weekday: 1, hour: 14, n: 3, index: null, sufficient: false })
      expect(map.weekdays[0]).toEqual({ vi: 'Thứ Hai', en: 'Monday' })

      const byDesk = await (await t.app.request(`/api/v1/dashboard/heatmap?survey=mot-cua&period=2026-Q2&deskId=${desk.id}&minCell=2`, { headers: manager.headers })).json()
      expect(byDesk.cells.find((c: any) => c.weekday === 1 && c.hour === 14)).toMatchObject({ n: 3, index: 100, sufficient: true })
      expect((await t.app.request(`/api/v1/dashboard/heatmap?survey=mot-cua&period=2026-Q2&deskId=${otherDesk.id}`, { headers: manager.headers })).status).toBe(404)
      const sipas = await t.app.request('/api/v1/dashboard/heatmap?survey=sipas-2017&period=2026-Q2', { headers: manager.headers })
      expect(sipas.status).toBe(400)
      expect((await sipas.json()).error.code).toBe('heatmap_needs_rating')

      const admin = await signIn(t, 'admin')
      const xlsx = await t.app.request('/api/v1/reports/mot-cua/2026-Q2/export.xlsx', { headers: admin.headers })
      const wb = new ExcelJS.Workbook()
      await wb.xlsx.load(await xlsx.arrayBuffer())
      const ws = wb.getWorksheet('Giờ trong tuần')!
      expect(ws.getRow(1).values).toEqual([undefined, 'Thứ', 'Giờ', 'Số đánh giá (n)', 'Chỉ số', 'Ghi chú'])
      const nine = ws.getRow(2 + 9).values as unknown[]
      expect(nine.slice(1, 5)).toEqual(['Thứ Hai', '09:00–10:00', 17, (100 * 9) / 17])
      const tue = ws.getRow(2 + 24 + 14).values as unknown[]
      expect(tue.slice(1, 4)).toEqual(['Thứ Ba', '14:00–15:00', 3])
      expect(tue[5]).toBe('Chưa đủ mẫu (dưới 10)')
    },
  )
})
