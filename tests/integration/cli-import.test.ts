import fs from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { beforeAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../server/db/database.ts'
import { runCli, tempDir } from '../helpers/cli.ts'
import { fileDatabaseUrl } from '../helpers/test-database.ts'

const dir = tempDir('hailong-cli-')
const env = { DATABASE_URL: await fileDatabaseUrl('cli'), HAILONG_TZ: 'Asia/Ho_Chi_Minh' }
const write = (name: string, text: string) => {
  const file = path.join(dir, name)
  fs.writeFileSync(file, text)
  return file
}
/** Imports the file, then the same file again: what the CLI said each time. */
async function importTwice(kind: 'agencies' | 'responses', file: string) {
  const said: string[] = []
  for (const _ of [1, 2]) said.push((await runCli([kind, 'import', file], env)).stdout.trim())
  return said
}
async function count(table: 'agencies' | 'responses' | 'answers' | 'rollups') {
  const { db, close } = await openDatabase(env.DATABASE_URL)
  const { n } = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  await close()
  return Number(n)
}

const AGENCIES = '\uFEFFcode,name,parent,kind\nSNV,Sở Nội vụ,TINH,department\nTINH,Tỉnh Thử Nghiệm,,province\nXA-A,"UBND xã An Phú, tỉnh Thử",TINH,commune\n'
const HEADER = 'submission_id,survey,agency,desk,channel,submitted_at,overall,staff,time,reasons,comment'
const GOOD = [
  HEADER,
  '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e01,mot-cua@1,SNV,,paper,2026-03-31T23:30:00+07:00,5,4,,,',
  '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e02,mot-cua@1,SNV,,paper,2026-04-01,2,,,wait|complex,"Chờ lâu, ""rất"" lâu"',
  '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e03,mot-cua@1,XA-A,,kiosk,2026-03-31T16:30:00Z,4,,3,,',
].join('\n')

beforeAll(async () => {
  expect((await runCli(['migrate'], env)).code).toBe(0)
})

describe('hailong CLI', () => {
  it('migrate says what it did and is idempotent', async () => {
    const again = await runCli(['migrate'], env)
    expect(again.code).toBe(0)
    expect(again.stdout).toMatch(/already up to date/)
  })

  it('imports agencies with parents given later in the file, and re-imports as unchanged', async () => {
    expect(await importTwice('agencies', write('agencies.csv', AGENCIES))).toEqual(['agencies: 3 created, 0 updated, 0 unchanged', 'agencies: 0 created, 0 updated, 3 unchanged'])
    expect(await count('agencies')).toBe(3)
  })

  it('refuses a bad agencies file, naming row and column, and writes nothing', async () => {
    const file = write('bad-agencies.csv', 'code,name,parent,kind\nOK-1,Tên tốt,TINH,department\nX Y,,NOPE,city\n')
    const res = await runCli(['agencies', 'import', file], env)
    expect(res.code).toBe(1)
    expect(res.stderr).toMatch(/row 3, cột\/column code/)
    expect(res.stderr).toMatch(/row 3, cột\/column parent: Không có cơ quan mã NOPE/)
    expect(res.stderr).toMatch(/row 3, cột\/column kind/)
    expect(await count('agencies')).toBe(3)
  })

  it('imports a paper file, then re-imports it as already present', async () => {
    expect(await importTwice('responses', write('paper.csv', GOOD))).toEqual(['imported 3, already present 0, rejected 0', 'imported 0, already present 3, rejected 0'])
    expect(await count('responses')).toBe(3)
    const { db, close } = await openDatabase(env.DATABASE_URL)
    const rows = await db.selectFrom('responses').select(['submission_id', 'submitted_at', 'quarter', 'channel']).orderBy('submission_id').execute()
    await close()
    // 23:30 on 31 March in Hà Nội is 16:30 UTC, still Q1; a bare date is local midnight (17:00 UTC the day before).
    expect(rows).toEqual([
      { submission_id: '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e01', submitted_at: '2026-03-31T16:30:00.000Z', quarter: '2026-Q1', channel: 'paper' },
      { submission_id: '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e02', submitted_at: '2026-03-31T17:00:00.000Z', quarter: '2026-Q2', channel: 'paper' },
      { submission_id: '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e03', submitted_at: '2026-03-31T16:30:00.000Z', quarter: '2026-Q1', channel: 'kiosk' },
    ])
  })

  it('rejects the whole file when one row is bad, naming each row, column and reason', async () => {
    const before = await count('responses')
    const file = write(
      'bad-paper.csv',
      [
        HEADER + ',tc1',
        '1b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e01,mot-cua@1,SNV,,paper,2026-05-01,5,,,,,',
        'not-a-uuid,mot-cua@1,SNV,Q9,fax,yesterday,7,,,,,',
        '1b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e03,mot-cua@1,SNV,,paper,2026-05-01,5,,,wait,,3',
        '0b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e01,mot-cua@1,SNV,,paper,2026-03-31T23:30:00+07:00,1,4,,,,',
      ].join('\n'),
    )
    const res = await runCli(['responses', 'import', file], env)
    expect(res.code).toBe(1)
    expect(res.stdout.trim()).toBe('imported 0, already present 0, rejected 3')
    expect(res.stderr).toMatch(/row 3, cột\/column submission_id: .*UUID/)
    expect(res.stderr).toMatch(/row 3, cột\/column desk: .*Q9/)
    expect(res.stderr).toMatch(/row 3, cột\/column channel/)
    expect(res.stderr).toMatch(/row 3, cột\/column submitted_at/)
    expect(res.stderr).toMatch(/row 3, cột\/column overall: .*1, 2, 3, 4, 5/)
    expect(res.stderr).toMatch(/row 4, cột\/column tc1: .*mot-cua@1.*tc1/)
    expect(res.stderr).toMatch(/row 4, cột\/column reasons: .*hidden|row 4, cột\/column reasons/)
    expect(res.stderr).toMatch(/row 5, cột\/column submission_id: .*different content/)
    expect(await count('responses')).toBe(before)
  })

  it('imports the same rows from an XLSX file (first sheet)', async () => {
    const wb = new ExcelJS.Workbook()
    const sheet = wb.addWorksheet('Phiếu')
    sheet.addRow(HEADER.split(','))
    sheet.addRow(['2b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e01', 'mot-cua@1', 'SNV', '', 'paper', '2026-06-15', 4, 5, '', '', 'Tốt'])
    sheet.addRow(['2b9f3c62-4f0e-4d7e-9a57-1a2b3c4d5e02', 'mot-cua@1', 'SNV', '', 'paper', '2026-06-15', 1, '', '', 'repeat', ''])
    const file = path.join(dir, 'paper.xlsx')
    await wb.xlsx.writeFile(file)
    const res = await runCli(['responses', 'import', file], env)
    expect(res.stdout.trim()).toBe('imported 2, already present 0, rejected 0')
  })

  it('explains a missing file and an unknown command', async () => {
    const missing = await runCli(['responses', 'import', path.join(dir, 'nope.csv')], env)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toMatch(/No such file/)
    expect((await runCli(['frobnicate'], env)).code).toBe(2)
  })
})
