import { writeFile } from 'node:fs/promises'
import { expect, test } from '../fixtures'
import { ArchiveWindow } from '../pages/ArchiveWindow'

/** A page that tries every classic way to run script once it is archived and displayed. */
const HOSTILE_PAGE = `<!doctype html>
<html><head><title>Ceasefire talks resume in Doha</title>
<script>window.top.__pwned = 'script'</script>
<meta http-equiv="refresh" content="0;url=javascript:window.top.__pwned='refresh'">
</head><body onload="window.top.__pwned = 'onload'">
<article>
<h1>Ceasefire talks resume in Doha</h1>
<p>Negotiators returned to Doha on Tuesday for a new round of ceasefire talks, officials said,
after a week in which both sides traded accusations over the stalled exchange of prisoners.</p>
<img src="/nonexistent.jpg" onerror="window.top.__pwned = 'onerror'" alt="negotiators">
<p>The mediators said the sessions would continue through the week. <a
href="javascript:window.top.__pwned='link'">Read the statement</a> and
<a href="https://example.org/statement">the full text</a>.</p>
<svg><circle r="4" onload="window.top.__pwned = 'svg'"></circle></svg>
<iframe src="javascript:window.top.__pwned='iframe'"></iframe>
<p>Diplomats described the mood as cautious but workable, and said a joint statement could
follow if the technical teams agree on the sequence of releases and the humanitarian corridor.</p>
<p>Aid groups urged both sides to keep the crossings open while the talks continue.</p>
</article></body></html>`

test.describe('security', () => {
  test('archived HTML with script, onerror and javascript: links runs none of them', async ({
    page,
    importPaths,
  }, testInfo) => {
    const win = new ArchiveWindow(page)
    await win.ready()
    const file = testInfo.outputPath('hostile.html')
    await writeFile(file, HOSTILE_PAGE)
    const report = await importPaths([file])
    expect(report.imported, JSON.stringify(report)).toBe(1)

    await win.resultRows.first().click()
    await expect(win.reader.getByRole('heading', { level: 1 })).toContainText('Ceasefire talks')
    await expect(win.reader).toContainText('Negotiators returned to Doha')

    await win.reader.getByRole('button', { name: 'Show archived page' }).click()
    const frameElement = page.getByTestId('snapshot-frame')
    await expect(frameElement).toBeVisible()
    // A sandbox with no allow-scripts and no allow-same-origin: nothing runs, nothing reaches the bridge.
    await expect(frameElement).toHaveAttribute('sandbox', '')
    const frame = page.frameLocator('[data-testid="snapshot-frame"]')
    await expect(frame.locator('body')).toContainText('Negotiators returned to Doha')
    await expect(frame.locator('script')).toHaveCount(0)
    await expect(frame.locator('iframe, object, embed')).toHaveCount(0)
    await expect(frame.locator('[onerror], [onload]')).toHaveCount(0)
    await expect(frame.locator('a[href^="javascript:" i]')).toHaveCount(0)
    // Clicking what used to be the javascript: link does nothing either.
    await frame.getByText('Read the statement').click()

    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned),
    ).toBeUndefined()
    await expect(win.reader.getByRole('heading', { level: 1 })).toContainText('Ceasefire talks')
  })

  test('the window has a strict CSP and no Node', async ({ page }) => {
    const csp = await page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content')
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    // An inline script injected into the page is refused by that policy.
    const ran = await page.evaluate(() => {
      const s = document.createElement('script')
      s.textContent = 'window.__inline = 1'
      document.body.appendChild(s)
      return (window as unknown as { __inline?: number }).__inline
    })
    expect(ran).toBeUndefined()
    expect(
      await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require),
    ).toBe('undefined')
    expect(
      await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process),
    ).toBe('undefined')
  })

  test('the loopback transport refuses requests without the token or from another host', async ({
    page,
    target,
  }) => {
    test.skip(target !== 'chromium', 'The loopback transport serves the browser target only.')
    const url = new URL(page.url())
    const base = `${url.protocol}//${url.host}`
    const noToken = await page.request.post(`${base}/rpc/stats`, { data: [] })
    expect(noToken.status()).toBe(401)
    const wrongToken = await page.request.post(`${base}/rpc/stats`, {
      data: [],
      headers: { 'X-Morgue-Token': 'f'.repeat(64) },
    })
    expect(wrongToken.status()).toBe(401)
    const token = url.searchParams.get('token') ?? ''
    const otherHost = await page.request.post(`${base}/rpc/stats`, {
      data: [],
      headers: { 'X-Morgue-Token': token, Host: `evil.example:${url.port}` },
    })
    expect(otherHost.status()).toBe(421)
    const ok = await page.request.post(`${base}/rpc/stats`, {
      data: [],
      headers: { 'X-Morgue-Token': token },
    })
    expect(ok.status()).toBe(200)
    expect((await ok.json()) as unknown).toMatchObject({ ok: true })
    // Arguments are checked in main: a wrong type is refused, not passed on.
    const bad = await page.request.post(`${base}/rpc/search`, {
      data: [42],
      headers: { 'X-Morgue-Token': token },
    })
    expect(bad.status()).toBe(400)
    // Media is reachable only by sha256 inside the archive.
    const escape = await page.request.get(`${base}/media/..%2F..%2Fetc%2Fpasswd?token=${token}`)
    expect(escape.status()).toBe(404)
  })
})
