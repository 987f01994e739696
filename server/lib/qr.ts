import QRCode from 'qrcode'

/**
 * QR codes for desk posters, receipts and kiosk pairing. Error correction M survives a crease or a smudge on paper while
 * keeping the code small enough for a receipt; the margin is the quiet zone scanners need.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(text, { ...OPTIONS, type: 'svg' })
}

export function qrPngDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(text, { ...OPTIONS, type: 'image/png', scale: 6 })
}
