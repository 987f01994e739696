import { CommentList } from '../components/comment-list.tsx'
import { RequireAuth } from '../components/require-auth.tsx'
import { useApp } from '../hooks/use-auth.ts'
import { strings as s } from '../lib/strings.ts'

export function CommentsPage() {
  const { tr } = useApp()
  return (
    <RequireAuth>
      <h1>{tr(s.comments)}</h1>
      <CommentList />
    </RequireAuth>
  )
}
