import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { expect, repoRoot, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

/** A news page on 127.0.0.1 whose rendered text differs from what the server sends. */
let news: Server
let base = ''
const PAGE = `<!doctype html><html><head><title>Harbour ballot</title></head><body>
<article><h1>Harbour ballot</h1><p id="lead">Loading…</p>
<p>Voters in the harbour district will decide on the new bridge in a ballot next spring.</p>
<p>The council published the cost estimate for the first time on Thursday evening.</p></article>
<script>document.getElementById('lead').textContent = 'Rendered for the logged-in reader: the turnout was sixty percent.'</script>
</body></html>`

test.beforeEach(async () => {
  news = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(PAGE)
  })
  await new Promise<void>((ok) => news.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(news.address() as AddressInfo).port}`
})
test.afterEach(async () => {
  await new Promise((ok) => news.close(ok))
})

/** The bits of the WebExtension API the test calls inside the extension's service worker. */
declare const chrome: {
  storage: { local: { set(values: object): Promise<void> } }
  tabs: { query(q: { url: string }): Promise<{ id?: number }[]> }
}

/** The pairing shown in the app's "Save from the browser" dialog. */
async function pairing(page: Page): Promise<{ port: number; token: string; bookmarklet: string }> {
  await page.getByRole('button', { name: 'Browser…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Save from the browser' })
  const token = await dialog.getByRole('textbox', { name: 'Pairing token' }).inputValue()
  const bookmarklet = await dialog.getByRole('textbox', { name: 'Bookmarklet' }).inputValue()
  const port = Number(await dialog.getByTestId('capture-port').textContent())
  await dialog.getByRole('button', { name: 'Done' }).click()
  return { port, token, bookmarklet }
}

test('the Save to Morgue extension archives the page as rendered in the browser', async ({
  page,
}) => {
  // The app (Electron or the browser target) pairs; a second Chromium carries the extension.
  const win = new ArchiveWindow(page)
  await win.ready()
  const { port, token } = await pairing(page)

  const profile = await mkdtemp(join(tmpdir(), 'morgue-ext-'))
  const extension = join(repoRoot, 'resources', 'extension')
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--disable-extensions-except=${extension}`,
      `--load-extension=${extension}`,
    ],
  })
  try {
    const worker = browser.serviceWorkers()[0] ?? (await browser.waitForEvent('serviceworker'))
    await worker.evaluate((s) => chrome.storage.local.set(s), { port, token })
    const tab = await browser.newPage()
    await tab.goto(`${base}/harbour-ballot`)
    await expect(tab.locator('#lead')).toContainText('Rendered for the logged-in reader')
    // What the toolbar button runs (a click on the browser's own toolbar is out of reach).
    const answer = await worker.evaluate(async () => {
      const [active] = await chrome.tabs.query({ url: 'http://127.0.0.1/*' })
      const save = (globalThis as unknown as { saveTab(id: number): Promise<{ message: string }> })
        .saveTab
      return save(active.id!)
    })
    expect(answer.message).toBe('Saved: Harbour ballot')
    await expect(tab.locator('[data-morgue="saved"]')).toHaveText('Saved: Harbour ballot')
  } finally {
    await browser.close()
    await rm(profile, { recursive: true, force: true })
  }

  await expect(win.resultRows.filter({ hasText: 'Harbour ballot' })).toHaveCount(1)
  await win.resultRows.filter({ hasText: 'Harbour ballot' }).click()
  // The rendered text, which the server never sent.
  await expect(win.reader).toContainText('the turnout was sixty percent')
})

test('the bookmarklet saves the page through the relay, and says so', async ({ page }) => {
  const win = new ArchiveWindow(page)
  await win.ready()
  const { bookmarklet } = await pairing(page)
  const tab = await page.context().newPage()
  await tab.goto(`${base}/harbour-ballot`)
  await tab.locator('p').nth(1).selectText()
  const relay = page.context().waitForEvent('page')
  await tab.evaluate((code) => {
    // The browser runs a bookmark's javascript: address in the page, as this does.
    new Function(decodeURIComponent(code.slice('javascript:'.length)))()
  }, bookmarklet)
  const popup = await relay
  await expect(popup.getByRole('status')).toHaveText('Saved: Harbour ballot')
  await tab.close()

  await expect(win.resultRows.filter({ hasText: 'Harbour ballot' })).toHaveCount(1)
  await win.resultRows.filter({ hasText: 'Harbour ballot' }).click()
  await expect(win.reader).toContainText('the turnout was sixty percent')
  await expect(win.reader).toContainText('Selected when saved')
})
