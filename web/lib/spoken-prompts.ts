import type { LocalizedText } from '../../server/domain/text.ts'

const s = (vi: string, en: string): LocalizedText => ({ vi, en })

/** Each spoken prompt (SPOKEN_PROMPTS) in words, for the staff page and the audit log. */
export const promptNames: Record<string, LocalizedText> = {
  idle: s('Màn hình đầu (mời đánh giá)', 'Start screen (invitation to rate)'),
  rate: s('Câu hỏi đánh giá (câu hỏi chính của phiếu)', 'The rating question (the survey’s main question)'),
  'face.1': s('Mặt 1 — không hài lòng nhất', 'Face 1 — least satisfied'),
  'face.2': s('Mặt 2', 'Face 2'),
  'face.3': s('Mặt 3 — ở giữa', 'Face 3 — middle'),
  'face.4': s('Mặt 4', 'Face 4'),
  'face.5': s('Mặt 5 — hài lòng nhất', 'Face 5 — most satisfied'),
  details: s('Màn hình lý do (hỏi thêm)', 'Reasons screen (follow-up)'),
  thanks: s('Lời cảm ơn', 'Thank-you screen'),
}

const builtIn: Record<string, LocalizedText> = { vi: s('tiếng Việt', 'Vietnamese'), en: s('tiếng Anh', 'English') }

/** A clip's language for staff: the built-in two by name, a pack by its code (its name is on the languages page). */
export const clipLanguageName = (code: string, lang: 'vi' | 'en') => builtIn[code]?.[lang] ?? code
