import { randomBytes } from 'node:crypto'
import type { Db } from '../db/types.ts'

/**
 * A random secret kept in the database, so every app node shares it without configuration. Created on
 * first use; a concurrent creator loses the insert race and reads the winner's value.
 */
export async function serverSecret(db: Db): Promise<string> {
  const found = await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirst()
  if (found) return found.value
  await db.insertInto('settings').values({ key: 'secret', value: randomBytes(32).toString('hex') }).onConflict((oc) => oc.column('key').doNothing()).execute()
  return (await db.selectFrom('settings').select('value').where('key', '=', 'secret').executeTakeFirstOrThrow()).value
}
