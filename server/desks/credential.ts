import type { Db } from '../db/types.ts'
import { DomainError } from '../domain/errors.ts'
import type { Submitter } from '../responses/service.ts'
import { findDeskByToken } from './repository.ts'

/** A desk's public link (poster QR): anyone may answer, on the `qr` channel, timed on arrival. */
export function deskLinkResolver(db: Db) {
  return async (token: string): Promise<Submitter | null> => {
    const desk = await findDeskByToken(db, token)
    if (!desk) return null
    if (!desk.active)
      throw new DomainError('gone', 'desk_inactive', { vi: 'Quầy này đã ngừng nhận đánh giá', en: 'This desk no longer takes ratings' })
    return { kind: 'desk-link', agencyId: desk.agency_id, deskId: desk.id, channel: 'qr', trustsClientTime: false }
  }
}
