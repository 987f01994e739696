import { randomBytes } from 'node:crypto'
import type { Db } from '../db/types.ts'
import { getSetting, insertSettingIfAbsent } from './repository.ts'

/**
 * A random secret kept in the database, so every app node shares it without configuration. Created on
 * first use; a concurrent creator loses the insert race and reads the winner's value.
 */
export async function serverSecret(db: Db): Promise<string> {
  const found = await getSetting(db, 'secret')
  if (found !== undefined) return found
  await insertSettingIfAbsent(db, 'secret', randomBytes(32).toString('hex'))
  return (await getSetting(db, 'secret'))!
}
