// Browser tests run against the built web app: build it once before any test file starts.
export default async function setup() {
  // @ts-expect-error plain ESM helper shared with `npm start`
  const { ensureWebBuilt } = await import('../../scripts/build-web.mjs')
  await ensureWebBuilt({ quiet: true })
}
