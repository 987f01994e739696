import { describe, expect, it } from 'vitest'
import { findPersonalData, maskPersonalData } from '../../server/domain/personal-data.ts'

const kinds = (text: string) => findPersonalData(text).map((m) => [m.kind, text.slice(m.start, m.end)])

describe('personal data in comments', () => {
  it.each([
    ['Có gì gọi tôi số 0912345678 nhé', '0912345678'],
    ['sđt: 0912 345 678', '0912 345 678'],
    ['SĐT 0912.345.678 (gọi buổi chiều)', '0912.345.678'],
    ['liên hệ 091-234-5678', '091-234-5678'],
    ['zalo +84912345678', '+84912345678'],
    ['zalo +84 912 345 678.', '+84 912 345 678'],
    ['gọi 84 987 654 321', '84 987 654 321'],
    ['(+84) 987654321', '(+84) 987654321'],
    ['số bàn 0212 3852 123', '0212 3852 123'],
    ['ĐT cơ quan (0212) 3852123', '(0212) 3852123'],
    ['gọi 024.3825.1234 giờ hành chính', '024.3825.1234'],
    ['con tôi 0356789012, vợ 0789 012 345', '0356789012'],
  ])('finds the phone number in %j', (text, phone) => {
    expect(kinds(text)[0]).toEqual(['phone', phone])
  })

  it.each([
    ['CCCD 001090012345 đã nộp', '001090012345'],
    ['căn cước 034 2030 12345', '034 2030 12345'],
    ['số CCCD: 037 190 012 345', '037 190 012 345'],
    ['CMND 123456789 cấp năm 2005', '123456789'],
    ['cmnd số 012 345 678', '012 345 678'],
  ])('finds the ID number in %j', (text, id) => {
    expect(kinds(text)).toEqual([['id_number', id]])
  })

  it('finds e-mails, passports and bank accounts named as such', () => {
    expect(kinds('Gửi kết quả về nguyen.van.an@gmail.com giúp tôi')).toEqual([['email', 'nguyen.van.an@gmail.com']])
    expect(kinds('thư: trần_thị.bình@sonla.gov.vn')).toEqual([['email', 'trần_thị.bình@sonla.gov.vn']])
    expect(kinds('hộ chiếu C1234567')).toEqual([['passport', 'C1234567']])
    expect(kinds('hoàn phí vào STK 1903 5566 7788 01 Techcombank')).toEqual([['bank_account', '1903 5566 7788 01']])
    expect(kinds('số tài khoản: 0071000123456')).toEqual([['bank_account', '0071000123456']])
  })

  it('finds several in one comment and masks each one, keeping the rest of the text', () => {
    const text = 'Tôi là Lò Văn Páo, CCCD 014090001234, sđt 0987.654.321, cán bộ hẹn 3 lần vẫn chưa xong.'
    const masked = maskPersonalData(text)
    expect(masked.text).toBe('Tôi là Lò Văn Páo, CCCD ••••••••••••, sđt ••••.•••.•••, cán bộ hẹn 3 lần vẫn chưa xong.')
    expect(masked.kinds).toEqual(['id_number', 'phone'])
    expect(maskPersonalData('mail a.b@c.vn').text).toBe('mail •.•@•.••')
  })

  it.each([
    'Nộp hồ sơ ngày 12/03/2026, hẹn 20-03-2026 mà chưa có kết quả',
    'Ngày 2026-05-10 lúc 08:30 đông người',
    'Phí 1.500.000 đồng là quá cao',
    'đóng 150.000.000 mà vẫn chờ',
    'Lệ phí 150000000 đồng',
    'chỉ mất 50000đ',
    'Mã hồ sơ H34.22-260510-0001 bị trả lại',
    'hồ sơ 000.00.12.H34-231201-0003 chưa xong',
    'thủ tục 1.001234 và 2.002156',
    'Quầy số 3, chờ 45 phút, 2 lần',
    'gọi tổng đài 1900 1234 không ai nghe',
    'Năm 2026 tốt hơn năm 2025 rất nhiều',
    'điểm 9/10, số thứ tự 0123',
    'biển số 26A-123.45',
    'tôi chờ từ 7h30 đến 11h15',
  ])('leaves ordinary text alone: %j', (text) => {
    expect(findPersonalData(text)).toEqual([])
    expect(maskPersonalData(text).text).toBe(text)
  })
})
