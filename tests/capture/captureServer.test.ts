import { request as httpRequest, createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startCaptureServer, type RunningCapture } from '../../main/capture/captureServer'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { tempDir } from '../helpers'

/** The page as a logged-in reader sees it: the server only ever sends a login wall. */
const RENDERED = (
  imageBase: string,
) => `<!doctype html><html><head><title>Members: the budget</title></head>
<body><article><h1>The budget, line by line</h1>
<p>The finance minister presented the budget to parliament on Wednesday afternoon, officials said.</p>
<p>Spending on schools rises by four percent while the defence budget stays flat for a second year.</p>
<figure><img src="${imageBase}/photo.png" width="800" height="500"><figcaption>The minister in parliament. Photo: Jane Roe / Reuters</figcaption></figure>
</article></body></html>`

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)

let dir: string
let cleanup: () => Promise<void>
let archive: Archive
let capture: RunningCapture
let images: Server
let imageBase: string

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'))
  capture = await startCaptureServer({ archive, port: 0 })
  images = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(PNG)
  })
  await new Promise<void>((ok) => images.listen(0, '127.0.0.1', ok))
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`
})
afterEach(async () => {
  await capture.close()
  await new Promise((ok) => images.close(ok))
  await archive.close()
  await cleanup()
})

/** POST with full control of the headers (fetch would not let us forge Host). */
function post(
  body: unknown,
  headers: Record<string, string>,
  path = '/capture',
): Promise<{ status: number; json: Record<string, unknown> }> {
  return capture.info().then(
    (info) =>
      new Promise((resolve, reject) => {
        const data = JSON.stringify(body)
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: info.port,
            path,
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              host: `127.0.0.1:${info.port}`,
              ...headers,
            },
          },
          (res) => {
            let text = ''
            res.on('data', (c: Buffer) => (text += c.toString()))
            res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }))
          },
        )
        req.on('error', reject)
        req.end(data)
      }),
  )
}

describe('Save to Morgue endpoint', () => {
  it('archives the page as the browser rendered it, with its images and the selection', async () => {
    const { token } = await capture.info()
    const page = {
      url: 'https://news.example/members/budget?utm_source=x',
      title: 'Members: the budget',
      html: RENDERED(imageBase),
      selection: '  Spending on schools rises by four percent ',
    }
    const saved = await post(page, {
      'x-morgue-token': token,
      origin: 'chrome-extension://abcdefghijkl',
    })
    expect(saved.status).toBe(200)
    expect(saved.json).toMatchObject({
      ok: true,
      status: 'saved',
      message: 'Saved: Members: the budget',
    })
    const item = await archive.get(saved.json.id as string)
    expect(item?.kind).toBe('article')
    if (item?.kind !== 'article') return
    expect(item.body.join(' ')).toContain('The finance minister presented the budget')
    expect(item.notes).toBe('Selected when saved: “Spending on schools rises by four percent”')
    expect(item.photos[0].image?.mime).toBe('image/png')
    expect(item.photos[0].credit).toMatchObject({ photographer: 'Jane Roe', agency: 'Reuters' })

    const again = await post(page, { 'x-morgue-token': token })
    expect(again.json).toMatchObject({ ok: true, status: 'duplicate' })
    expect(again.json.message).toContain('Already in Morgue')
  })

  it('refuses a missing or wrong token, a foreign Origin and a foreign Host', async () => {
    const { token, port } = await capture.info()
    const page = { url: 'https://news.example/a', html: RENDERED(imageBase) }
    expect((await post(page, {})).status).toBe(401)
    expect((await post(page, { 'x-morgue-token': 'x'.repeat(48) })).json.reason).toContain(
      'pairing token',
    )
    const foreign = await post(page, { 'x-morgue-token': token, origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    const rebinding = await post(page, { 'x-morgue-token': token, host: `evil.example:${port}` })
    expect(rebinding.status).toBe(421)
    expect(archive.list().total).toBe(0)
  })

  it('answers a capture it cannot save with a clear reason and keeps nothing', async () => {
    const { token } = await capture.info()
    const h = { 'x-morgue-token': token }
    expect((await post({ url: 'file:///etc/passwd', html: '<p>x</p>' }, h)).json.reason).toBe(
      'Only http and https pages can be saved.',
    )
    expect((await post({ url: 'https://a.example/', html: ' ' }, h)).json.reason).toBe(
      'The capture has no page in it.',
    )
    const empty = await post(
      { url: 'https://a.example/', html: '<html><body><p>Hi</p></body></html>' },
      h,
    )
    expect(empty.status).toBe(422)
    expect(empty.json.reason).toContain('No article found')
    expect(archive.list().total).toBe(0)
  })

  it('renews the pairing token: the old one stops working', async () => {
    const old = (await capture.info()).token
    await archive.captureToken(true)
    const fresh = await capture.info()
    expect(fresh.token).not.toBe(old)
    expect(fresh.bookmarklet).toContain(fresh.token)
    const page = { url: 'https://news.example/a', html: RENDERED(imageBase) }
    expect((await post(page, { 'x-morgue-token': old })).status).toBe(401)
  })
})
