import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import type { PhotoDraft } from '../../model'
import { ImportError } from '../importer'
import { createImageImporter } from './imageImporter'
import { sniffImageFormat } from './imageFormat'
import { memoryImportContext } from '../testing/memoryImportContext'

// PNG and WebP carry XMP in their own containers (iTXt chunk, `XMP ` chunk): built here so
// the test needs no binary fixture.
const XMP = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="AFP" photoshop:City="Raqa"
 photoshop:Headline="Fighters &amp; families in Raqa">
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">Fighters in Raqa on June 6. DELIL SOULEIMAN / AFP</rdf:li></rdf:Alt></dc:description>
<dc:creator><rdf:Seq><rdf:li>DELIL SOULEIMAN</rdf:li></rdf:Seq></dc:creator>
<dc:subject><rdf:Bag><rdf:li>Syria</rdf:li><rdf:li>Raqa</rdf:li></rdf:Bag></dc:subject>
</rdf:Description></rdf:RDF></x:xmpmeta>`

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4)
  head.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([head, body, crc])
}

function pngWithXmp(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height })
  png.data.fill(200)
  const plain = PNG.sync.write(png)
  const itxt = pngChunk(
    'iTXt',
    Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(XMP)]),
  )
  const iend = plain.length - 12 // IEND is the last 12 bytes
  return new Uint8Array(Buffer.concat([plain.subarray(0, iend), itxt, plain.subarray(iend)]))
}

/** A lossless WebP picture's `VP8L` chunk (after `RIFF....WEBP`), made with sharp. */
async function vp8lChunk(width: number, height: number): Promise<Buffer> {
  const grey = { r: 200, g: 200, b: 200 }
  const webp = await sharp({ create: { width, height, channels: 3, background: grey } })
    .webp({ lossless: true })
    .toBuffer()
  expect(webp.toString('latin1', 12, 16)).toBe('VP8L')
  return webp.subarray(12)
}

/** An extended WebP: VP8X, then XMP, then the picture when `picture` is given. */
function webpWithXmp(width: number, height: number, picture?: Buffer): Uint8Array {
  const chunk = (id: string, data: Buffer) => {
    const head = Buffer.alloc(8)
    head.write(id, 0, 'latin1')
    head.writeUInt32LE(data.length, 4)
    return Buffer.concat([head, data, data.length % 2 ? Buffer.alloc(1) : Buffer.alloc(0)])
  }
  const vp8x = Buffer.alloc(10)
  vp8x[0] = 0x04 // XMP present
  vp8x.writeUIntLE(width - 1, 4, 3)
  vp8x.writeUIntLE(height - 1, 7, 3)
  const body = Buffer.concat([
    Buffer.from('WEBP'),
    chunk('VP8X', vp8x),
    chunk('XMP ', Buffer.from(XMP)),
    picture ?? Buffer.alloc(0),
  ])
  const riff = Buffer.alloc(8)
  riff.write('RIFF', 0, 'latin1')
  riff.writeUInt32LE(body.length, 4)
  return new Uint8Array(Buffer.concat([riff, body]))
}

const importer = createImageImporter({ readSidecar: async () => undefined })

const webpPicture = await vp8lChunk(400, 200)

describe.each([
  // pngWithXmp's pixels are all 200, alpha too: translucent, so its thumbnail stays a PNG.
  ['PNG', 'png', 'image/png', pngWithXmp(400, 200), 'image/png'],
  ['WebP', 'webp', 'image/webp', webpWithXmp(400, 200, webpPicture), 'image/jpeg'],
])('%s with XMP', (_name, format, mime, bytes, thumbnailMime) => {
  it('is recognised by its bytes and read for caption, credit, place and keywords', async () => {
    expect(sniffImageFormat(bytes)).toBe(format)
    const ctx = memoryImportContext()
    const [draft] = (await importer.import(
      { source: `raqa.${format}`, bytes },
      ctx,
    )) as PhotoDraft[]
    expect(draft.title).toBe('Fighters & families in Raqa')
    expect(draft.photo.image?.mime).toBe(mime)
    expect(draft.photo.caption).toBe('Fighters in Raqa on June 6.')
    expect(draft.photo.credit).toMatchObject({ photographer: 'Delil Souleiman', agency: 'AFP' })
    expect(draft.photo.meta).toMatchObject({
      creator: 'DELIL SOULEIMAN',
      creditLine: 'AFP',
      city: 'Raqa',
      keywords: ['Syria', 'Raqa'],
      width: 400,
      height: 200,
    })
    expect(draft.tags).toEqual(['Syria', 'Raqa'])
    expect(draft.photo.thumbnail).toMatchObject({ mime: thumbnailMime })
    const thumbnail = ctx.blobs.get(draft.photo.thumbnail!.sha256)!.bytes
    expect(await sharp(thumbnail).metadata()).toMatchObject({ width: 320, height: 160 })
  })
})

describe('a WebP with metadata but no picture', () => {
  it('is refused as damaged, and nothing is stored', async () => {
    const ctx = memoryImportContext()
    const error = await importer
      .import({ source: 'raqa.webp', bytes: webpWithXmp(400, 200) }, ctx)
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toMatch(
      /^raqa\.webp is damaged: its image data cannot be decoded \(.+\)\.$/,
    )
    expect(ctx.blobs.size).toBe(0)
  })
})

/** A JPEG whose EXIF says "rotate 90° clockwise to display" (orientation 6). */
function jpegWithOrientation(width: number, height: number, orientation: number): Uint8Array {
  const plain = Buffer.from(
    jpeg.encode({ width, height, data: new Uint8Array(width * height * 4).fill(90) }, 80).data,
  )
  const tiff = Buffer.alloc(26)
  tiff.write('II*\0', 0, 'latin1')
  tiff.writeUInt32LE(8, 4) // IFD0 offset
  tiff.writeUInt16LE(1, 8) // one entry
  tiff.writeUInt16LE(0x0112, 10) // Orientation
  tiff.writeUInt16LE(3, 12) // SHORT
  tiff.writeUInt32LE(1, 14)
  tiff.writeUInt16LE(orientation, 18)
  tiff.writeUInt32LE(0, 22) // no next IFD
  const payload = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff])
  const app1 = Buffer.alloc(4)
  app1.writeUInt16BE(0xffe1, 0)
  app1.writeUInt16BE(payload.length + 2, 2)
  return new Uint8Array(Buffer.concat([plain.subarray(0, 2), app1, payload, plain.subarray(2)]))
}

describe('EXIF orientation', () => {
  it('reports the displayed size and turns the thumbnail upright', async () => {
    const bytes = jpegWithOrientation(400, 200, 6)
    const [draft] = (await importer.import(
      { source: 'turned.jpg', bytes },
      memoryImportContext(),
    )) as PhotoDraft[]
    expect(draft.photo.meta).toMatchObject({ width: 200, height: 400 })
    expect(draft.photo.thumbnail).toBeDefined()
  })
})

describe.each([
  ['WebP', 'sky.webp', 'image/webp'],
  ['HEIC', 'sky.heic', 'image/heic'],
])('a real %s file', (_name, file, mime) => {
  it('is archived as it came, with a JPEG thumbnail for the results list', async () => {
    const bytes = new Uint8Array(
      readFileSync(join(__dirname, '../../../../tests/fixtures/images', file)),
    )
    const [draft] = (await importer.import(
      { source: file, bytes },
      memoryImportContext(),
    )) as PhotoDraft[]
    expect(draft.title).toBe(file)
    expect(draft.photo.image).toMatchObject({ mime, bytes: bytes.length })
    expect(draft.photo.thumbnail).toMatchObject({ mime: 'image/jpeg' })
  })
})
