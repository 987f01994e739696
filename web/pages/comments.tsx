import { CommentList } from '../components/comment-list.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { strings as s } from '../lib/strings.ts'

export function CommentsPage() {
  const { tr } = useApp()
  return (
    <>
      <h1>{tr(s.comments)}</h1>
      <CommentList />
    </>
  )
}
