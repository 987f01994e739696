#!/usr/bin/env node
// A sample of the one-stop software's side of hailong (phần mềm Một cửa): report dossiers received, mint a
// single-use receipt code per dossier and print its QR on the receipt, then report the dossiers returned.
// Usage:
//   HAILONG_API_KEY=hlk_… node scripts/one-stop-client.mjs --url http://localhost:3000 --agency SNV --desk MC-01 [--count 3] [--out ./receipts]
// The API key is made by staff (/admin/api-keys). Dossier codes follow Thông tư 04/2025/TT-VPCP:
// MX1X2.Y1Y2Y3.Z1Z2-YYMMDD-AAXXXX (receiving unit's identifier, receipt date, number of the day).
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'http://localhost:3000' },
    key: { type: 'string', default: process.env.HAILONG_API_KEY },
    agency: { type: 'string' },
    desk: { type: 'string' },
    // The receiving unit's identifier MX1X2.Y1Y2Y3.Z1Z2.
    unit: { type: 'string', default: 'H40.175.01' },
    officer: { type: 'string', multiple: true, default: ['CB001', 'CB002'] },
    count: { type: 'string', default: '3' },
    survey: { type: 'string' },
    out: { type: 'string', default: './receipts' },
  },
})
if (!values.key) {
  console.error('Cần khóa API / an API key is needed: --key hlk_… or HAILONG_API_KEY')
  process.exit(2)
}

async function call(route, body) {
  const res = await fetch(new URL(route, values.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${values.key}` },
    body: JSON.stringify(body),
  })
  const answer = await res.json()
  if (!res.ok) {
    // Every refusal names the field and the reason in Vietnamese and English.
    const lines = (answer.error?.details ?? []).map((d) => `  ${d.field}: ${d.message.vi} / ${d.message.en}`)
    throw new Error(`${res.status} ${answer.error?.message.vi} / ${answer.error?.message.en}\n${lines.join('\n')}`)
  }
  return answer
}

try {
  // Today's receipts: one dossier code per receipt, numbered within the day (AA = "01" here, XXXX the number).
  const now = new Date()
  const day = now.toISOString().slice(2, 10).replaceAll('-', '')
  const where = { ...(values.agency ? { agency: values.agency } : {}), ...(values.desk ? { desk: values.desk } : {}) }
  const dossiers = Array.from({ length: Number(values.count) }, (_, i) => ({
    dossier: `${values.unit}-${day}-01${String(i + 1).padStart(4, '0')}`,
    officer: values.officer[i % values.officer.length],
    procedure: '1.001234',
  }))

  // 1. Dossiers received. Sending the same events again is safe: they are answered "duplicate" and count once.
  const received = await call('/api/v1/dossiers/events', {
    events: dossiers.map((d) => ({ type: 'received', at: now.toISOString(), ...where, ...d })),
  })
  console.log('tiếp nhận / received:', received.results.map((r) => r.status).join(', '))

  // 2. A receipt code per dossier, with its QR code to print on the receipt (giấy tiếp nhận và hẹn trả kết quả).
  const minted = await call('/api/v1/invitations/batch', {
    items: dossiers.map((d) => ({ ...where, ...d, ...(values.survey ? { survey: values.survey } : {}) })),
    qr: ['svg'],
  })
  fs.mkdirSync(values.out, { recursive: true })
  for (const [i, item] of minted.items.entries()) {
    const file = path.join(values.out, `${dossiers[i].dossier}.svg`)
    fs.writeFileSync(file, item.qr.svg)
    console.log(`in lên giấy hẹn / print on the receipt: ${item.link}  (QR: ${file}, hết hạn / expires ${item.expiresAt})`)
  }

  // 3. Later, when the results are handed back: dossiers returned (the response rate's denominator).
  const returned = await call('/api/v1/dossiers/events', {
    events: dossiers.map((d) => ({ type: 'returned', at: new Date().toISOString(), ...where, dossier: d.dossier })),
  })
  console.log('trả kết quả / returned:', returned.results.map((r) => r.status).join(', '))
} catch (e) {
  console.error(e.message)
  process.exit(1)
}
