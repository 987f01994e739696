export function NotFoundPage() {
  return (
    <main class="page">
      <h1>Không tìm thấy trang / Page not found</h1>
      <p>
        <a href="/">Về trang chủ / Home</a>
      </p>
    </main>
  )
}
