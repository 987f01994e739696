import type { Migration } from 'kysely'
import * as init from './2026-11-22.1_init.ts'
import * as access from './2026-11-22.2_access.ts'
import * as administration from './2026-11-22.3_administration.ts'
import * as integrity from './2026-12-01.13_integrity.ts'
import * as surveyBasedOn from './2026-12-01.15_survey_based_on.ts'
import * as loginThrottle from './2026-12-01.16_login_throttle.ts'
import * as alerts from './2026-12-01.17_alerts.ts'
import * as dossiers from './2026-12-01.18_dossiers.ts'
import * as searchFold from './2026-12-01.19_search-fold.ts'
import * as agencyRollups from './2026-12-01.20_agency_rollups.ts'
import * as rollupsResponsesIndex from './2026-12-01.20_rollups_responses_index.ts'
import * as languagePacks from './2026-12-01.21_language_packs.ts'
import * as audioClips from './2026-12-01.21b_audio_clips.ts'
import * as intakeSignalIndexes from './2026-12-01.22_intake_signal_indexes.ts'
import * as totalRollups from './2026-12-01.23_total_rollups.ts'
import * as rollupsResponsesCovering from './2026-12-01.24_rollups_responses_covering.ts'
import * as agencyRevisions from './2026-12-01.25_agency_revisions.ts'
import * as tableRevisions from './2026-12-01.26_table_revisions.ts'
import * as answersQuestionCovering from './2026-12-02.1_answers_question_covering.ts'
import * as ratingMinutes from './2026-12-02.2_rating_minutes.ts'

/**
 * A static map, so bundling or a changed working directory can never lose a migration. Kysely runs them
 * in the alphabetical order of their names: `<date>.<sequence>_<name>`.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22.1_init': init,
  '2026-11-22.2_access': access,
  '2026-11-22.3_administration': administration,
  '2026-12-01.13_integrity': integrity,
  '2026-12-01.15_survey_based_on': surveyBasedOn,
  '2026-12-01.16_login_throttle': loginThrottle,
  '2026-12-01.17_alerts': alerts,
  '2026-12-01.18_dossiers': dossiers,
  '2026-12-01.19_search-fold': searchFold,
  '2026-12-01.20_agency_rollups': agencyRollups,
  '2026-12-01.20_rollups_responses_index': rollupsResponsesIndex,
  '2026-12-01.21_language_packs': languagePacks,
  '2026-12-01.21b_audio_clips': audioClips,
  '2026-12-01.22_intake_signal_indexes': intakeSignalIndexes,
  '2026-12-01.23_total_rollups': totalRollups,
  '2026-12-01.24_rollups_responses_covering': rollupsResponsesCovering,
  '2026-12-01.25_agency_revisions': agencyRevisions,
  '2026-12-01.26_table_revisions': tableRevisions,
  '2026-12-02.1_answers_question_covering': answersQuestionCovering,
  '2026-12-02.2_rating_minutes': ratingMinutes,
}
