import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import jpeg from 'jpeg-js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ArticleDraft } from '../model'
import { downloadPhotoImages } from './downloadPhotoImages'
import { feedImporter } from './feed/feedImporter'
import { memoryImportContext } from './testing/memoryImportContext'

const photo = new Uint8Array(
  jpeg.encode({ width: 640, height: 480, data: new Uint8Array(640 * 480 * 4).fill(128) }, 80).data,
)

let server: Server
let base: string
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/raqa.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.end(photo)
    } else if (req.url === '/page.jpg') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end('<html>not an image</html>')
    } else if (req.url === '/huge.jpg') {
      res.writeHead(200, { 'content-type': 'image/jpeg' })
      res.end(Buffer.alloc(4096, 0xff))
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(() => new Promise<void>((done) => server.close(() => done())))

describe('feed photos are downloaded into the archive', () => {
  it('keeps the image and a thumbnail, and leaves failed ones with their URL', async () => {
    const rss = `<rss version="2.0" xmlns:media="http://search.yahoo.com/mrss/"><channel><title>T</title>
      <item><title>a</title>
        <media:content url="${base}/raqa.jpg" medium="image"><media:credit>DELIL SOULEIMAN / AFP</media:credit></media:content>
        <media:content url="${base}/missing.jpg" medium="image"/>
        <media:content url="${base}/page.jpg" medium="image"/>
      </item></channel></rss>`
    const ctx = memoryImportContext((url, init) => fetch(url, init))
    const { blobs } = ctx
    const [draft] = (await feedImporter.import(
      { source: 'f.rss', bytes: new TextEncoder().encode(rss) },
      ctx,
    )) as ArticleDraft[]
    const [ok, missing, page] = draft.photos
    expect(ok.image).toMatchObject({
      mime: 'image/jpeg',
      bytes: photo.byteLength,
      fileName: 'raqa.jpg',
    })
    expect(blobs.get(ok.image!.sha256)?.bytes).toEqual(photo)
    expect(ok.thumbnail).toMatchObject({ mime: 'image/jpeg' })
    expect(ok.src).toBe(`${base}/raqa.jpg`)
    expect(missing.image).toBeUndefined()
    expect(page.image).toBeUndefined()
    expect(missing.src).toBe(`${base}/missing.jpg`)
  })

  it('skips images over the size cap', async () => {
    const ctx = memoryImportContext((url, init) => fetch(url, init))
    const photos = [{ id: 'p0', caption: '', credit: null, src: `${base}/huge.jpg` }]
    const summary = await downloadPhotoImages(photos, ctx, { maxBytes: 1000 })
    expect(summary).toEqual({
      downloaded: 0,
      failed: 1,
      skipped: 0,
      missing: [{ url: `${base}/huge.jpg`, reason: `${base}/huge.jpg is larger than 0 MB.` }],
    })
    expect(photos[0]).not.toHaveProperty('image')
  })

  it('gives up after three failures in a row when the network is down', async () => {
    let calls = 0
    const ctx = memoryImportContext(async () => {
      calls++
      throw new TypeError('fetch failed')
    })
    const photos = Array.from({ length: 20 }, (_, i) => ({
      id: `p${i}`,
      caption: '',
      credit: null,
      src: `https://offline.example/${i}.jpg`,
    }))
    const summary = await downloadPhotoImages(photos, ctx, { concurrency: 1 })
    expect(summary).toMatchObject({ downloaded: 0, failed: 3, skipped: 17 })
    expect(summary.missing).toHaveLength(20)
    expect(summary.missing[0].reason).toBe(
      'offline.example could not be reached (TypeError: fetch failed).',
    )
    expect(summary.missing[19].reason).toBe(
      'https://offline.example/19.jpg was not tried: the network looked down.',
    )
    expect(calls).toBe(3)
  })

  it('stores nothing without a fetch (offline import) and says why', async () => {
    const ctx = memoryImportContext()
    const { blobs } = ctx
    const photos = [{ id: 'p0', caption: '', credit: null, src: `${base}/raqa.jpg` }]
    expect(await downloadPhotoImages(photos, ctx)).toEqual({
      downloaded: 0,
      failed: 1,
      skipped: 0,
      missing: [
        {
          url: `${base}/raqa.jpg`,
          reason: `${base}/raqa.jpg was not fetched: there is no network here.`,
        },
      ],
    })
    expect(blobs.size).toBe(0)
  })
})
