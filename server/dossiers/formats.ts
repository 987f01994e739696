import { z } from 'zod'
import type { Db } from '../db/types.ts'
import { parseLegacyFormats, type DossierFormats } from '../domain/dossier-code.ts'
import { getSetting } from '../settings/repository.ts'

/** The settings row that lists older provincial dossier formats still accepted: `{"legacy":["tt01-2018","^…$"]}`. */
export const DOSSIER_FORMATS_KEY = 'dossier.formats'
const Stored = z.object({ legacy: z.array(z.string().max(200)).max(20) })

/** The formats accepted besides the national one: those of HAILONG_DOSSIER_FORMATS plus the settings row. */
export async function dossierFormats(db: Db, fromEnv: string[]): Promise<DossierFormats> {
  const value = await getSetting(db, DOSSIER_FORMATS_KEY)
  let stored: string[] = []
  try {
    stored = value !== undefined ? Stored.parse(JSON.parse(value)).legacy : []
  } catch {
    /* a damaged row accepts only what the environment names, rather than refusing every dossier */
  }
  let fromSettings: DossierFormats = { legacy: [] }
  try {
    fromSettings = parseLegacyFormats(stored)
  } catch {
    /* likewise for an unknown preset or a bad pattern in the row */
  }
  return { legacy: [...parseLegacyFormats(fromEnv).legacy, ...fromSettings.legacy] }
}
