import { z } from 'zod'
import { AGENCY_CODE, AGENCY_KINDS, ASSIGNABLE_CHANNELS, CHANNELS, DESK_CODE, INSTRUMENT_ID, PERIOD_KEY, ROLES, SURVEY_KEY, SURVEY_REF } from './vocabulary.ts'

/** The vocabulary (vocabulary.ts) as Zod schemas: what the routes and file formats validate with. */
export const Channel = z.enum(CHANNELS)
export const AssignableChannel = z.enum(ASSIGNABLE_CHANNELS)
export const AgencyKind = z.enum(AGENCY_KINDS)
export const Role = z.enum(ROLES)

export const InstrumentId = z.string().regex(INSTRUMENT_ID, 'lowercase letters, digits, "-" and "_"')
export const SurveyKey = z.string().regex(SURVEY_KEY, 'instrument@version, e.g. mot-cua@1')
export const SurveyRef = z.string().regex(SURVEY_REF, 'instrument or instrument@version, e.g. sipas-2017')
export const PeriodKey = z.string().regex(PERIOD_KEY, '2026-Q1 hoặc/or 2026')
export const AgencyCode = z.string().regex(AGENCY_CODE, 'letters, digits, "-" and "_" (at most 64)')
export const DeskCode = z.string().regex(DESK_CODE, 'letters, digits, "-" and "_" (at most 32)')
