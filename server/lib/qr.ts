import QRCode, { type QRCodeSegment } from 'qrcode'

/**
 * QR codes for desk posters, receipts and kiosk pairing. Error correction M survives a crease or a smudge on paper while
 * keeping the code small enough for a receipt; the margin is the quiet zone scanners need.
 */
const OPTIONS = { errorCorrectionLevel: 'M', margin: 2 } as const

/**
 * Links are encoded as one byte segment: the encoder's search for the cheapest mix of modes took half the
 * time of a receipt's QR code and gains nothing on a URL of lower-case letters and a random token.
 */
const segments = (text: string): QRCodeSegment[] => [{ data: Buffer.from(text, 'utf8'), mode: 'byte' }]

export function qrSvg(text: string): Promise<string> {
  return QRCode.toString(segments(text), { ...OPTIONS, type: 'svg' })
}

export function qrPngDataUrl(text: string): Promise<string> {
  return QRCode.toDataURL(segments(text), { ...OPTIONS, type: 'image/png', scale: 6 })
}
