import type { AudioType } from './vocabulary.ts'

const ascii = (bytes: Uint8Array, at: number, text: string) => [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0))

/**
 * The audio format of a file from its first bytes, never from the name or the Content-Type the browser
 * sent: WebM (what Chromium's MediaRecorder writes), Ogg, MP3, WAV or M4A; null for anything else.
 */
export function sniffAudio(bytes: Uint8Array): AudioType | null {
  if (bytes.length < 12) return null
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm'
  if (ascii(bytes, 0, 'OggS')) return 'audio/ogg'
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WAVE')) return 'audio/wav'
  if (ascii(bytes, 4, 'ftyp')) return 'audio/mp4'
  // An ID3 tag, or straight away an MPEG audio frame (11 sync bits, layer III).
  if (ascii(bytes, 0, 'ID3') || (bytes[0] === 0xff && (bytes[1]! & 0xe6) === 0xe2)) return 'audio/mpeg'
  return null
}
