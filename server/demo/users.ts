import type { Kysely } from 'kysely'
import { findAgencyByCode } from '../agencies/repository.ts'
import { findUserByName } from '../auth/repository.ts'
import { createUser } from '../auth/service.ts'
import { verifyPassword } from '../auth/password.ts'
import type { Database, Role } from '../db/schema.ts'

/** Demo accounts with known passwords, for trying the dashboard; never created outside the demo seed. */
export const demoUsers: Array<{ username: string; password: string; role: Role; agency: string | null; home?: string; name: string }> = [
  { username: 'admin', password: 'hailong-admin-2026', role: 'admin', agency: null, home: 'SNV', name: 'Quản trị Sở Nội vụ' },
  // Works for the provincial People's Committee office, which is not ranked: may approve the Sở Nội vụ's exclusions.
  { username: 'duyet', password: 'hailong-duyet-2026', role: 'admin', agency: null, home: 'TINH-SL', name: 'Thẩm định Văn phòng UBND tỉnh' },
  { username: 'xem', password: 'hailong-xem-2026', role: 'viewer', agency: null, name: 'Cán bộ theo dõi' },
  { username: 'quanly.stp', password: 'hailong-stp-2026', role: 'manager', agency: 'STP', name: 'Quản lý Sở Tư pháp' },
]

export async function seedDemoUsers(db: Kysely<Database>, now: Date) {
  for (const u of demoUsers) {
    const agency = u.agency ? await findAgencyByCode(db, u.agency) : undefined
    const home = u.home ? await findAgencyByCode(db, u.home) : undefined
    await createUser(
      db,
      {
        username: u.username,
        displayName: u.name,
        password: u.password,
        role: u.role,
        agencyId: agency?.id ?? null,
        homeAgencyId: home?.id ?? agency?.id ?? null,
        actor: 'demo-seed',
      },
      now,
    )
  }
}

/** The demo accounts that still have their demo password, to print at start-up. */
export async function demoAccountsInUse(db: Kysely<Database>) {
  const found: typeof demoUsers = []
  for (const u of demoUsers) {
    const row = await findUserByName(db, u.username)
    if (row && (await verifyPassword(u.password, row.password_hash))) found.push(u)
  }
  return found
}
