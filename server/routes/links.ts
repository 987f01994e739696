import { Hono } from 'hono'
import type { AppDeps } from '../app.ts'
import { findAgency } from '../agencies/repository.ts'
import { DomainError } from '../domain/errors.ts'
import { findDeskByToken } from '../desks/repository.ts'

const missing = () =>
  new DomainError('not_found', 'unknown_link', { vi: 'Đường dẫn khảo sát không tồn tại', en: 'This survey link does not exist' })

/** What a phone needs to show a desk's survey: who is being rated and which questionnaire. */
export function linkRoutes(deps: AppDeps) {
  return new Hono().get('/:token', async (c) => {
    const token = c.req.param('token')
    const desk = token.startsWith('desk_') ? await findDeskByToken(deps.db, token) : undefined
    if (!desk) throw missing()
    const agency = await findAgency(deps.db, desk.agency_id)
    const version = desk.survey_version_id ? await deps.catalog.get(desk.survey_version_id) : await deps.catalog.latest('mot-cua')
    if (!agency || !version) throw missing()
    return c.json({
      kind: 'desk',
      active: desk.active === 1,
      agency: { code: agency.code, name: agency.name },
      desk: { code: desk.code, name: desk.name },
      survey: version.key,
      definition: version.definition,
    })
  })
}
