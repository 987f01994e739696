import type { Context } from 'hono'

/**
 * The address citizens open: HAILONG_PUBLIC_URL when set (a proxy may hide the real host), else the
 * origin the request came to.
 */
export function publicBase(c: Context, publicUrl: string | undefined): string {
  return (publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')
}
