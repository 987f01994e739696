import { Hono } from 'hono'
import type { AppDeps } from '../app.ts'
import { findAgency } from '../agencies/repository.ts'
import { DomainError } from '../domain/errors.ts'
import { answeredToday, findDeskByToken } from '../desks/repository.ts'
import { surveyForDesk } from '../desks/service.ts'
import { browserHash, browserId, ensureBrowserId } from '../desks/browser-id.ts'
import { localDateOf } from '../domain/periods.ts'
import { serverSecret } from '../settings/secret.ts'
import { receiptLinkInfo } from '../invitations/link-info.ts'
import { citizenLanguage } from '../language-packs/service.ts'
import { publicPrivacy } from '../privacy/service.ts'
import { isHttps } from './auth.ts'

const missing = () => new DomainError('not_found', 'unknown_link', { vi: 'Đường dẫn khảo sát không tồn tại', en: 'This survey link does not exist' })

/** What a phone needs to show a desk's survey: who is being rated and which questionnaire. */
export function linkRoutes(deps: AppDeps) {
  return new Hono().get('/:token', async (c) => {
    const token = c.req.param('token')
    if (token.startsWith('rcpt_')) {
      const receipt = await receiptLinkInfo(deps.db, deps.catalog, token, deps.clock.now())
      if (!receipt) throw missing()
      c.header('Cache-Control', 'no-store')
      return c.json(receipt)
    }
    const desk = token.startsWith('desk_') ? await findDeskByToken(deps.db, token) : undefined
    if (!desk) throw missing()
    const agency = await findAgency(deps.db, desk.agency_id)
    const version = await surveyForDesk(deps.db, deps.catalog, desk.id, 'qr')
    if (!agency || !version) throw missing()
    ensureBrowserId(c, isHttps(c, deps.trustProxy))
    // Said when the link is opened, so nobody fills in a whole form only to be told at the end.
    const id = browserId(c)
    const today = id ? await answeredToday(deps.db, desk.id, localDateOf(deps.clock.now(), deps.timeZone), browserHash(await serverSecret(deps.db), id)) : false
    const { definition, language } = await citizenLanguage(deps.db, desk.id, version.definition, version.key)
    c.header('Cache-Control', 'no-store')
    return c.json({
      kind: 'desk',
      active: desk.active === 1,
      answeredToday: today,
      agency: { code: agency.code, name: agency.name },
      desk: { code: desk.code, name: desk.name },
      survey: version.key,
      definition,
      privacy: await publicPrivacy(deps.db),
      language,
    })
  })
}
