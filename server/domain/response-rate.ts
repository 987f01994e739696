/**
 * The response rate (tỷ lệ đánh giá): evaluations ÷ dossiers returned, overall and per channel, on a
 * 0–100 scale, unrounded. Without a returned dossier there is no denominator: `dossierData` is false and
 * every rate null, shown as "chưa có dữ liệu hồ sơ", never as 0 %. Kiosk and paper ratings are not tied
 * to a dossier, so a rate can pass 100.
 */
export interface ResponseRate {
  dossierData: boolean
  /** dossiers returned in the period */
  dossiers: number
  /** counted responses in the period (all channels, or the report's channel) */
  evaluations: number
  rate: number | null
  byChannel: Record<string, { n: number; rate: number | null }>
}

export function responseRate(dossiers: number, evaluationsByChannel: Record<string, number>): ResponseRate {
  const per = (n: number) => (dossiers > 0 ? (100 * n) / dossiers : null)
  const evaluations = Object.values(evaluationsByChannel).reduce((a, b) => a + b, 0)
  const byChannel: ResponseRate['byChannel'] = {}
  for (const [channel, n] of Object.entries(evaluationsByChannel).sort(([a], [b]) => a.localeCompare(b))) byChannel[channel] = { n, rate: per(n) }
  return { dossierData: dossiers > 0, dossiers, evaluations, rate: per(evaluations), byChannel }
}

/** The rate of several units together, counting only those that returned dossiers (others would only inflate it). */
export function combinedRate(units: ResponseRate[]): ResponseRate {
  let dossiers = 0
  const channels: Record<string, number> = {}
  for (const u of units) {
    if (!u.dossierData) continue
    dossiers += u.dossiers
    for (const [c, v] of Object.entries(u.byChannel)) channels[c] = (channels[c] ?? 0) + v.n
  }
  return responseRate(dossiers, channels)
}
