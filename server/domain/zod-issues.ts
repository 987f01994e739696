import type { z } from 'zod'
import { issue, type FieldIssue } from './errors.ts'

const vi: Record<string, string> = {
  invalid_type: 'Sai kiểu dữ liệu',
  too_big: 'Giá trị quá lớn hoặc quá dài',
  too_small: 'Giá trị quá nhỏ hoặc quá ngắn',
  invalid_format: 'Sai định dạng',
  unrecognized_keys: 'Có trường không được phép',
  invalid_value: 'Giá trị không được phép',
  invalid_union: 'Giá trị không hợp lệ',
  custom: 'Giá trị không hợp lệ',
}

/** Zod's issues as field-level reasons in Vietnamese and English. */
export function zodIssues(error: z.ZodError, prefix = ''): FieldIssue[] {
  return error.issues.map((i) => {
    const keys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys : []
    const path = [prefix, ...i.path.map(String)].filter(Boolean).join('.')
    const field = keys.length ? [path, keys[0]].filter(Boolean).join('.') : path || '(body)'
    const extra = keys.length ? `: ${keys.join(', ')}` : ''
    return issue(field, i.code, `${vi[i.code] ?? 'Giá trị không hợp lệ'}${extra}`, `${i.message}${extra && !i.message.includes(keys[0]!) ? extra : ''}`)
  })
}
