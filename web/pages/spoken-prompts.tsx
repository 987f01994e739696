import { useEffect, useRef, useState } from 'preact/hooks'
import { useConfirm } from '../components/confirm.tsx'
import { SelectField } from '../components/field.tsx'
import { FormError } from '../components/form-error.tsx'
import { useAction } from '../hooks/use-action.ts'
import { useApp } from '../hooks/use-auth.ts'
import { useGet } from '../hooks/use-fetch.ts'
import { client, type Res } from '../lib/client.ts'
import { kioskStrings } from '../../server/domain/citizen-strings/kiosk.ts'
import type { LocalizedText } from '../../server/domain/text.ts'
import { t } from '../lib/i18n.ts'
import { promptNames } from '../lib/spoken-prompts.ts'

const s = (vi: string, en: string): LocalizedText => ({ vi, en })

const strings = {
  title: s('Lời đọc tại máy tính bảng', 'Spoken prompts at the kiosk'),
  intro: s(
    'Người dân bấm nút loa “Nghe đọc” trên máy tính bảng để nghe câu hỏi và tên từng mặt cười. Với mỗi ngôn ngữ, tải lên hoặc ghi âm một đoạn cho từng lời nhắc (tối đa 1 MB; WebM, Ogg, MP3, WAV hoặc M4A). Lời nhắc chưa có bản ghi sẽ đọc bằng tiếng Việt; chưa có cả tiếng Việt thì máy không hiện nút loa ở màn hình đó. Máy tính bảng lưu sẵn các bản ghi để phát cả khi mất mạng.',
    'Citizens press the “Listen” speaker button on the tablet to hear the question and the name of each face. For each language, upload or record one clip per prompt (1 MB at most; WebM, Ogg, MP3, WAV or M4A). A prompt without a clip plays the Vietnamese one; with neither, the tablet shows no speaker on that screen. Tablets keep the clips to play them offline too.',
  ),
  language: s('Ngôn ngữ của lời đọc', 'Language of the clips'),
  prompt: s('Lời nhắc', 'Prompt'),
  clip: s('Bản ghi', 'Clip'),
  actions: s('Thao tác', 'Actions'),
  none: s('Chưa có', 'None yet'),
  noneFallback: s('Chưa có — máy đọc bản tiếng Việt (nếu có)', 'None yet — the tablet plays the Vietnamese one (if any)'),
  upload: s('Tải tệp lên', 'Upload a file'),
  fileFor: s('Tệp âm thanh cho', 'Audio file for'),
  record: s('Ghi âm', 'Record'),
  recording: s('Đang ghi âm…', 'Recording…'),
  stop: s('Dừng ghi', 'Stop'),
  listenBack: s('Nghe lại bản vừa ghi', 'Listen to the recording'),
  saveRecording: s('Lưu bản ghi âm', 'Save the recording'),
  discard: s('Bỏ bản ghi âm', 'Discard the recording'),
  remove: s('Xóa', 'Delete'),
  removeTitle: s('Xóa lời đọc?', 'Delete the clip?'),
  removeWhat: s(
    'Máy tính bảng sẽ đọc bản tiếng Việt thay thế, hoặc không hiện nút loa nếu không có.',
    'Tablets will play the Vietnamese clip instead, or show no speaker if there is none.',
  ),
  saved: s('Đã lưu lời đọc', 'Clip saved'),
  removed: s('Đã xóa lời đọc', 'Clip deleted'),
  noMicrophone: s('Không dùng được micrô (trình duyệt chưa cho phép hoặc máy không có micrô)', 'The microphone cannot be used (not allowed by the browser, or none present)'),
  file: s('Tệp âm thanh', 'Audio file'),
  loading: s('Đang tải…', 'Loading…'),
  vietnamese: s('Tiếng Việt', 'Vietnamese'),
  english: s('Tiếng Anh', 'English'),
}

/** The words the tablet shows for the prompts whose text is fixed, beside their names. */
const says: Record<string, LocalizedText> = { idle: kioskStrings.startHint, details: kioskStrings.details, thanks: kioskStrings.thanks }

type Clip = Res<(typeof client.api.v1.admin)['audio-clips']['$get']>['clips'][number]

/** Per language and prompt of the kiosk: upload a file or record one in the browser, listen, replace, delete. */
export function SpokenPrompts({ packs }: { packs: Array<{ code: string; nameVi: string; name: string }> }) {
  const { tr } = useApp()
  const list = useGet(client.api.v1.admin['audio-clips'])
  const confirm = useConfirm()
  const [language, setLanguage] = useState('vi')
  const languages = [
    { code: 'vi', label: tr(strings.vietnamese) },
    { code: 'en', label: tr(strings.english) },
    ...packs.map((p) => ({ code: p.code, label: `${p.nameVi} (${p.name})` })),
  ]
  const clips = list.data?.clips ?? []
  return (
    <section class="card spoken-prompts">
      <h2>{tr(strings.title)}</h2>
      <p class="muted">{tr(strings.intro)}</p>
      <div class="filters">
        <SelectField id="sp-language" label={tr(strings.language)} value={language} onValue={setLanguage}>
          {languages.map((l) => (
            <option key={l.code} value={l.code}>
              {l.label}
            </option>
          ))}
        </SelectField>
      </div>
      {list.loading ? <p aria-busy="true">{tr(strings.loading)}</p> : null}
      <table class="data-table">
        <caption class="sr-only">{`${tr(strings.title)} — ${languages.find((l) => l.code === language)?.label ?? ''}`}</caption>
        <thead>
          <tr>
            <th scope="col">{tr(strings.prompt)}</th>
            <th scope="col">{tr(strings.clip)}</th>
            <th scope="col">{tr(strings.actions)}</th>
          </tr>
        </thead>
        <tbody>
          {(list.data?.prompts ?? []).map((p) => (
            <PromptRow
              key={`${language}:${p}`}
              language={language}
              prompt={p}
              name={tr(promptNames[p]) || p}
              says={t(says[p], language)}
              clip={clips.find((c) => c.language === language && c.prompt === p)}
              confirm={confirm.ask}
              onChange={() => list.reload()}
            />
          ))}
        </tbody>
      </table>
      {confirm.element}
    </section>
  )
}

type Recording = { state: 'off' } | { state: 'on'; recorder: MediaRecorder } | { state: 'done'; blob: Blob; url: string }

function PromptRow(props: { language: string; prompt: string; name: string; says: string; clip?: Clip; confirm: ReturnType<typeof useConfirm>['ask']; onChange(): void }) {
  const { tr } = useApp()
  const action = useAction()
  const [done, setDone] = useState('')
  const [micError, setMicError] = useState('')
  const [rec, setRec] = useState<Recording>({ state: 'off' })
  const chunks = useRef<Blob[]>([])
  const id = `sp-${props.prompt.replace('.', '-')}`
  useEffect(() => () => void (rec.state === 'done' && URL.revokeObjectURL(rec.url)), [rec])
  const path = `/api/v1/admin/audio-clips/${props.language}/${props.prompt}`

  const send = async (file: Blob, name: string) => {
    setDone('')
    const form = new FormData()
    form.append('file', file, name)
    if (await action.run('PUT', path, form)) {
      setDone(tr(strings.saved))
      setRec({ state: 'off' })
      props.onChange()
    }
  }
  const start = async () => {
    setMicError('')
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
      const recorder = new MediaRecorder(stream)
      chunks.current = []
      recorder.ondataavailable = (e) => chunks.current.push(e.data)
      recorder.onstop = () => {
        stream.getTracks().forEach((track) => track.stop())
        const blob = new Blob(chunks.current, { type: recorder.mimeType })
        setRec({ state: 'done', blob, url: URL.createObjectURL(blob) })
      }
      recorder.start()
      setRec({ state: 'on', recorder })
    } catch {
      setMicError(tr(strings.noMicrophone))
    }
  }
  const remove = async () => {
    const ok = await props.confirm({ title: tr(strings.removeTitle), consequence: tr(strings.removeWhat), confirm: tr(strings.remove) })
    if (ok && (await action.run('DELETE', path))) {
      setDone(tr(strings.removed))
      props.onChange()
    }
  }

  return (
    <tr data-prompt={props.prompt}>
      <th scope="row">
        {props.name}
        {props.says ? <div class="muted">“{props.says}”</div> : null}
      </th>
      <td>
        {props.clip ? (
          <audio controls preload="none" src={props.clip.url} aria-label={`${tr(strings.clip)}: ${props.name}`} />
        ) : (
          <span class="muted">{props.language === 'vi' ? tr(strings.none) : tr(strings.noneFallback)}</span>
        )}
      </td>
      <td>
        <div class="actions-row">
          <label for={id}>{tr(strings.upload)}</label>
          <input
            id={id}
            type="file"
            accept="audio/*,.webm,.ogg,.mp3,.wav,.m4a"
            aria-label={`${tr(strings.fileFor)} “${props.name}”`}
            onChange={(e) => {
              const input = e.target as HTMLInputElement
              const file = input.files?.[0]
              if (file) void send(file, file.name).then(() => (input.value = ''))
            }}
          />
          {rec.state === 'off' ? (
            <button type="button" class="secondary" onClick={() => void start()}>
              {tr(strings.record)}
            </button>
          ) : null}
          {rec.state === 'on' ? (
            <>
              <span role="status" class="recording">
                ● {tr(strings.recording)}
              </span>
              <button type="button" onClick={() => rec.recorder.stop()}>
                {tr(strings.stop)}
              </button>
            </>
          ) : null}
          {rec.state === 'done' ? (
            <>
              <audio controls src={rec.url} aria-label={tr(strings.listenBack)} />
              <button type="button" disabled={action.busy} onClick={() => void send(rec.blob, rec.blob.type.includes('ogg') ? 'ghi-am.ogg' : 'ghi-am.webm')}>
                {tr(strings.saveRecording)}
              </button>
              <button type="button" class="secondary" onClick={() => setRec({ state: 'off' })}>
                {tr(strings.discard)}
              </button>
            </>
          ) : null}
          {props.clip ? (
            <button type="button" class="danger" disabled={action.busy} onClick={() => void remove()}>
              {tr(strings.remove)}
            </button>
          ) : null}
        </div>
        {micError ? (
          <p class="form-error" role="alert">
            {micError}
          </p>
        ) : null}
        <FormError error={action.error} labels={{ file: tr(strings.file), language: tr(strings.language), 'param.prompt': tr(strings.prompt) }} />
        <p role="status">{done}</p>
      </td>
    </tr>
  )
}
