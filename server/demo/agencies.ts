import type { AgencyKind } from '../db/schema.ts'

/** A demo province with real-looking names (after the 2025 reorganisation of communes). */
export const demoAgencies: Array<{ code: string; name: string; kind: AgencyKind; parent: string | null; quality: number }> = [
  { code: 'TINH-SL', name: 'Tỉnh Sơn La', kind: 'province', parent: null, quality: 0 },
  { code: 'SNV', name: 'Sở Nội vụ', kind: 'department', parent: 'TINH-SL', quality: 0.93 },
  { code: 'STP', name: 'Sở Tư pháp', kind: 'department', parent: 'TINH-SL', quality: 0.9 },
  { code: 'STC', name: 'Sở Tài chính', kind: 'department', parent: 'TINH-SL', quality: 0.86 },
  { code: 'SXD', name: 'Sở Xây dựng', kind: 'department', parent: 'TINH-SL', quality: 0.78 },
  { code: 'SCT', name: 'Sở Công Thương', kind: 'department', parent: 'TINH-SL', quality: 0.84 },
  { code: 'SNNMT', name: 'Sở Nông nghiệp và Môi trường', kind: 'department', parent: 'TINH-SL', quality: 0.8 },
  { code: 'SGDDT', name: 'Sở Giáo dục và Đào tạo', kind: 'department', parent: 'TINH-SL', quality: 0.91 },
  { code: 'SYT', name: 'Sở Y tế', kind: 'department', parent: 'TINH-SL', quality: 0.82 },
  { code: 'SKHCN', name: 'Sở Khoa học và Công nghệ', kind: 'department', parent: 'TINH-SL', quality: 0.88 },
  { code: 'SVHTTDL', name: 'Sở Văn hóa, Thể thao và Du lịch', kind: 'department', parent: 'TINH-SL', quality: 0.87 },
  { code: 'SDTTG', name: 'Sở Dân tộc và Tôn giáo', kind: 'department', parent: 'TINH-SL', quality: 0.89 },
  { code: 'BQLKCN', name: 'Ban Quản lý các khu công nghiệp tỉnh', kind: 'department', parent: 'TINH-SL', quality: 0.85 },
  { code: 'UBND-P-TO-HIEU', name: 'UBND phường Tô Hiệu', kind: 'commune', parent: 'TINH-SL', quality: 0.9 },
  { code: 'UBND-P-CHIENG-AN', name: 'UBND phường Chiềng An', kind: 'commune', parent: 'TINH-SL', quality: 0.83 },
  { code: 'UBND-P-CHIENG-COI', name: 'UBND phường Chiềng Cơi', kind: 'commune', parent: 'TINH-SL', quality: 0.79 },
  { code: 'UBND-P-MOC-CHAU', name: 'UBND phường Mộc Châu', kind: 'commune', parent: 'TINH-SL', quality: 0.92 },
  { code: 'UBND-XA-MAI-SON', name: 'UBND xã Mai Sơn', kind: 'commune', parent: 'TINH-SL', quality: 0.81 },
  { code: 'UBND-XA-THUAN-CHAU', name: 'UBND xã Thuận Châu', kind: 'commune', parent: 'TINH-SL', quality: 0.76 },
  { code: 'UBND-XA-YEN-CHAU', name: 'UBND xã Yên Châu', kind: 'commune', parent: 'TINH-SL', quality: 0.85 },
  { code: 'UBND-XA-SONG-MA', name: 'UBND xã Sông Mã', kind: 'commune', parent: 'TINH-SL', quality: 0.74 },
]

export const demoDesks: Record<string, Array<{ code: string; name: string }>> = {
  default: [{ code: 'MC-01', name: 'Quầy Một cửa số 1' }],
  SNV: [
    { code: 'MC-01', name: 'Quầy tiếp nhận hồ sơ số 1' },
    { code: 'MC-02', name: 'Quầy tiếp nhận hồ sơ số 2' },
  ],
  STP: [
    { code: 'MC-01', name: 'Quầy lý lịch tư pháp' },
    { code: 'MC-02', name: 'Quầy chứng thực' },
  ],
  'UBND-P-TO-HIEU': [
    { code: 'MC-01', name: 'Quầy hộ tịch' },
    { code: 'MC-02', name: 'Quầy đất đai' },
  ],
}
