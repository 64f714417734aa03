import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

/** An updated story: the fixture server (127.0.0.1 only) serves whichever version is current. */
const page = (title: string, paragraphs: string[]) =>
  `<!doctype html><html><head><title>${title}</title><meta name="author" content="Jane Roe"></head>
<body><article><h1>${title}</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('')}</article></body></html>`

const V1 = page('Flood waters reach the capital', [
  'Flood waters reached the outskirts of the capital on Sunday after days of heavy rain.',
  'About two thousand people left their homes, the civil protection agency said.',
])
const V2 = page('Flood waters reach the capital, thousands evacuated', [
  'Flood waters reached the centre of the capital on Sunday after days of heavy rain.',
  'About nine thousand people left their homes, the civil protection agency said.',
  'The army opened shelters in schools and sports halls.',
])

let server: Server
let base = ''
let current = V1

test.beforeEach(async () => {
  current = V1
  server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(current)
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
test.afterEach(async () => {
  await new Promise((ok) => server.close(ok))
})

test('a story captured again keeps both versions, compared word by word and side by side', async ({
  page: win,
}) => {
  const app = new ArchiveWindow(win)
  await app.ready()
  const url = `${base}/news/flood`
  const first = await app.pasteImport(url)
  await expect(first.getByTestId('report-imported')).toHaveText('1')
  await app.closeReport()

  current = V2
  const second = await app.pasteImport(url)
  await expect(second.getByTestId('report-versions')).toContainText('version 2')
  await app.closeReport()

  await expect(app.resultCount).toHaveText('1 item in the archive')
  await app.resultRows.first().click()
  await expect(app.reader.getByRole('heading', { level: 1 })).toHaveText(
    'Flood waters reach the capital, thousands evacuated',
  )
  await app.reader.getByTestId('versions-toggle').click()
  const diff = app.reader.getByTestId('diff')
  await expect(diff.locator('del')).toContainText(['outskirts'])
  await expect(diff.locator('ins')).toContainText(['centre'])
  await expect(diff).toContainText('The army opened shelters')
  await expect(app.reader.getByTestId('diff-summary')).toContainText('added')

  await app.reader.getByRole('button', { name: 'Side by side' }).click()
  const columns = app.reader.getByTestId('versions-side').locator('.version-column')
  await expect(columns).toHaveCount(2)
  await expect(columns.nth(0)).toContainText('About two thousand people')
  await expect(columns.nth(1)).toContainText('About nine thousand people')

  // The same page again is a duplicate, not a third version.
  const third = await app.pasteImport(url)
  await expect(third.getByTestId('report-duplicates')).toHaveText('1')
  await app.closeReport()
  await expect(app.reader.getByTestId('versions-toggle')).toHaveText(/Show text|2 versions/)
})
