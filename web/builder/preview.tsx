import { useEffect, useRef, useState } from 'preact/hooks'
import type { SurveyDefinition } from '../../server/domain/survey-definition.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { t, type Lang } from '../lib/i18n.ts'
import { s } from '../lib/strings.ts'

const sizes = {
  phone: { width: 390, height: 844, scale: 0.62, src: '/preview/phone' },
  kiosk: { width: 1024, height: 768, scale: 0.41, src: '/preview/kiosk' },
}

const text = {
  preview: s('Xem trước', 'Preview'),
  device: s('Thiết bị', 'Device'),
  phone: s('Điện thoại', 'Phone'),
  deskTablet: s('Máy tại quầy', 'Desk tablet'),
  previewLanguage: s('Ngôn ngữ xem trước', 'Preview language'),
  startAgain: s('Làm lại từ đầu', 'Start again'),
  stale: (n: number) => s(`Đang hiện bản hợp lệ gần nhất: còn ${n} chỗ cần sửa.`, `Showing the last valid version: ${n} problem(s) to fix.`),
  phonePreview: s('Xem trước trên điện thoại', 'Phone preview'),
  deskTabletPreview: s('Xem trước trên máy tại quầy', 'Desk tablet preview'),
  nothing: s('Chưa xem trước được: hãy sửa các chỗ được đánh dấu.', 'Nothing to preview yet: fix the marked fields.'),
  phoneSize: s('Kích thước 390 × 844 (điện thoại).', 'Size 390 × 844 (phone).'),
  kioskSize: s(
    'Kích thước 1024 × 768 (máy tính bảng). Chạm "Đánh giá" rồi chọn một mặt để xem các câu tiếp theo.',
    'Size 1024 × 768 (tablet). Tap "Đánh giá", then a face, to see the follow-up questions.',
  ),
}

/**
 * The citizens' own pages (phone survey, desk tablet) in a frame at their real size, scaled down, fed the
 * definition as it is edited. Only a definition the schema accepts can be shown; until the draft is valid
 * again the preview keeps the last one that was.
 */
export function Preview({ definition, stale, lang: staffLang }: { definition: SurveyDefinition | null; stale: number; lang: Lang }) {
  const tr = (x: LocalizedText) => t(x, staffLang)
  const [device, setDevice] = useState<'phone' | 'kiosk'>('phone')
  const [lang, setLang] = useState<Lang>('vi')
  const [restart, setRestart] = useState(0)
  const frame = useRef<HTMLIFrameElement>(null)
  const size = sizes[device]
  const post = () => {
    if (definition) frame.current?.contentWindow?.postMessage({ type: 'hailong-preview', definition, lang, restart }, location.origin)
  }
  useEffect(post, [definition, lang, restart, device])
  useEffect(() => {
    const ready = (e: MessageEvent) =>
      e.origin === location.origin && e.source === frame.current?.contentWindow && (e.data as { type?: string })?.type === 'hailong-preview-ready' && post()
    addEventListener('message', ready)
    return () => removeEventListener('message', ready)
  })
  return (
    <aside class="preview card" aria-labelledby="preview-title">
      <h2 id="preview-title">{tr(text.preview)}</h2>
      <div class="preview-controls">
        <div class="segmented" role="group" aria-label={tr(text.device)}>
          {(['phone', 'kiosk'] as const).map((d) => (
            <button key={d} type="button" class="small" aria-pressed={device === d} onClick={() => setDevice(d)}>
              {d === 'phone' ? tr(text.phone) : tr(text.deskTablet)}
            </button>
          ))}
        </div>
        <div class="segmented" role="group" aria-label={tr(text.previewLanguage)}>
          {(['vi', 'en'] as const).map((l) => (
            <button key={l} type="button" class="small" aria-pressed={lang === l} onClick={() => setLang(l)}>
              {l === 'vi' ? 'Tiếng Việt' : 'English'}
            </button>
          ))}
        </div>
        <button type="button" class="secondary small" onClick={() => setRestart((n) => n + 1)}>
          {tr(text.startAgain)}
        </button>
      </div>
      {stale ? (
        <p class="preview-stale" role="status">
          {tr(text.stale(stale))}
        </p>
      ) : null}
      {definition ? (
        <div class="device" style={{ width: `${size.width * size.scale}px`, height: `${size.height * size.scale}px` }}>
          <iframe
            key={device}
            ref={frame}
            src={size.src}
            title={device === 'phone' ? tr(text.phonePreview) : tr(text.deskTabletPreview)}
            width={size.width}
            height={size.height}
            style={{ transform: `scale(${size.scale})` }}
            onLoad={post}
          />
        </div>
      ) : (
        <p class="muted">{tr(text.nothing)}</p>
      )}
      <p class="muted small">{tr(device === 'phone' ? text.phoneSize : text.kioskSize)}</p>
    </aside>
  )
}
