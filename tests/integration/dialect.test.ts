import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { isPostgres, isTransientConflict, isUniqueViolation } from '../../server/db/dialect.ts'
import { retryOnUniqueViolation } from '../../server/db/retry.ts'
import { countResponses } from '../../server/responses/repository.ts'
import { makeAgency } from '../helpers/factories.ts'
import { createTestApp, type TestApp } from '../helpers/test-app.ts'
import { onPostgres } from '../helpers/test-database.ts'

let t: TestApp
beforeEach(async () => {
  t = await createTestApp()
})
afterEach(() => t.close())

describe('the database as the application sees it (SQLite, or PostgreSQL with TEST_DATABASE_URL)', () => {
  it('runs on the database the suite was asked for', () => {
    expect(t.kind).toBe(onPostgres ? 'postgres' : 'sqlite')
    expect(isPostgres(t.db)).toBe(onPostgres)
  })

  it('reads counts and sums as numbers, not the strings pg gives for bigint', async () => {
    expect(await countResponses(t.db)).toBe(0)
    const { n } = await t.db
      .selectFrom('survey_versions')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    const { total } = await t.db
      .selectFrom('survey_versions')
      .select((eb) => eb.fn.sum<number>('version').as('total'))
      .executeTakeFirstOrThrow()
    expect(typeof n).toBe('number')
    expect(typeof total).toBe('number')
    expect(n).toBeGreaterThan(0)
  })

  it('recognises a unique violation from the real driver', async () => {
    await makeAgency(t.db, { code: 'DUP' })
    const error = await makeAgency(t.db, { code: 'DUP' }).then(
      () => null,
      (e: unknown) => e,
    )
    expect(isUniqueViolation(error)).toBe(true)
    expect(isTransientConflict(error)).toBe(false)
    expect(isUniqueViolation(new Error('other'))).toBe(false)
  })
})

describe('retryOnUniqueViolation', () => {
  const violation = () => Object.assign(new Error('duplicate key'), { code: onPostgres ? '23505' : 'SQLITE_CONSTRAINT_UNIQUE' })

  it('runs the work again after a lost race and returns what the second run gives', async () => {
    let runs = 0
    const result = await retryOnUniqueViolation(async () => {
      if (++runs === 1) throw violation()
      return 'duplicate'
    })
    expect([runs, result]).toEqual([2, 'duplicate'])
  })

  it('retries a deadlock victim, gives up after the attempts, and never retries other errors', async () => {
    let runs = 0
    await expect(retryOnUniqueViolation(async () => (++runs, Promise.reject(Object.assign(new Error('deadlock'), { code: '40P01' }))))).rejects.toThrow('deadlock')
    expect(runs).toBe(3)
    runs = 0
    await expect(retryOnUniqueViolation(async () => (++runs, Promise.reject(new Error('bad'))))).rejects.toThrow('bad')
    expect(runs).toBe(1)
  })
})
