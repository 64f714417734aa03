import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { withCameraPreviews } from '../importers/testing/jpegSegments'
import { solidJpeg } from '../importers/testing/testImages'
import { createThumbnail, makeThumbnail } from './createThumbnail'

/** A solid-colour RGBA image whose left half is red and right half blue. */
function halves(width: number, height: number, alpha = 255): Uint8Array {
  const data = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      const left = x < width / 2
      data.set([left ? 255 : 0, 0, left ? 0 : 255, alpha], o)
    }
  }
  return data
}

function jpegOf(width: number, height: number): Uint8Array {
  return new Uint8Array(jpeg.encode({ width, height, data: halves(width, height) }, 90).data)
}

function pngOf(width: number, height: number, alpha: number): Uint8Array {
  const png = new PNG({ width, height })
  png.data = Buffer.from(halves(width, height, alpha))
  return new Uint8Array(PNG.sync.write(png))
}

describe('createThumbnail', () => {
  it('shrinks a JPEG so its longest side is 320 px, keeping the aspect ratio', async () => {
    const thumb = await createThumbnail(jpegOf(1000, 500), 'image/jpeg')
    expect(thumb).not.toBeNull()
    expect([thumb!.mime, thumb!.width, thumb!.height]).toEqual(['image/jpeg', 320, 160])
    const decoded = jpeg.decode(thumb!.bytes, { useTArray: true })
    expect([decoded.width, decoded.height]).toEqual([320, 160])
    // left stays red, right stays blue after averaging
    expect(decoded.data[0]).toBeGreaterThan(200)
    expect(decoded.data[(320 - 1) * 4 + 2]).toBeGreaterThan(200)
  })

  it('never enlarges a small image', async () => {
    const thumb = await createThumbnail(jpegOf(30, 14), 'image/jpeg')
    expect([thumb!.width, thumb!.height]).toEqual([30, 14])
  })

  it('keeps transparency as PNG and opaque PNGs become JPEG', async () => {
    const clear = await createThumbnail(pngOf(640, 640, 128), 'image/png', 100)
    expect([clear!.mime, clear!.width, clear!.height]).toEqual(['image/png', 100, 100])
    expect(PNG.sync.read(Buffer.from(clear!.bytes)).data[3]).toBe(128)
    const opaque = await createThumbnail(pngOf(640, 320, 255), 'image/png', 100)
    expect([opaque!.mime, opaque!.width, opaque!.height]).toEqual(['image/jpeg', 100, 50])
  })

  it('turns the preview upright for EXIF orientation 6 (rotated 90° clockwise)', async () => {
    const thumb = await createThumbnail(jpegOf(400, 200), 'image/jpeg', 100, { orientation: 6 })
    expect([thumb!.width, thumb!.height]).toEqual([50, 100])
    const decoded = jpeg.decode(thumb!.bytes, { useTArray: true })
    // the stored left (red) half ends up on top
    expect(decoded.data[0]).toBeGreaterThan(200)
    expect(decoded.data[99 * 50 * 4 + 2]).toBeGreaterThan(200)
  })

  it('returns null for formats it cannot decode and for damaged data', async () => {
    expect(await createThumbnail(new Uint8Array(100), 'image/heic')).toBeNull()
    expect(await createThumbnail(new Uint8Array(100), 'image/webp')).toBeNull()
    expect(await createThumbnail(new TextEncoder().encode('not a jpeg'), 'image/jpeg')).toBeNull()
    expect(await createThumbnail(jpegOf(400, 200).subarray(0, 300), 'image/jpeg')).toBeNull()
  })

  // Our own 96×64 picture (blue sky over a red band), encoded with cwebp and heif-enc.
  it.each([
    ['WebP', 'sky.webp', 'image/webp'],
    ['HEIC', 'sky.heic', 'image/heic'],
  ])('decodes %s with WebAssembly and keeps its colours', async (_name, file, mime) => {
    const bytes = readFileSync(join(__dirname, '../../../tests/fixtures/images', file))
    const thumb = await createThumbnail(new Uint8Array(bytes), mime)
    expect(thumb).not.toBeNull()
    expect([thumb!.mime, thumb!.width, thumb!.height]).toEqual(['image/jpeg', 96, 64])
    const decoded = jpeg.decode(thumb!.bytes, { useTArray: true })
    const pixel = (x: number, y: number) => [
      ...decoded.data.slice((y * 96 + x) * 4, (y * 96 + x) * 4 + 3),
    ]
    const [r1, g1, b1] = pixel(10, 10)
    expect(b1).toBeGreaterThan(170)
    expect(r1).toBeLessThan(70)
    expect(g1).toBeLessThan(130)
    const [r2, g2, b2] = pixel(10, 55)
    expect(r2).toBeGreaterThan(170)
    expect(g2).toBeLessThan(70)
    expect(b2).toBeLessThan(80)
  })

  it('gives no thumbnail for a cut WebP or HEIC file, without throwing', async () => {
    for (const [file, mime] of [
      ['sky.webp', 'image/webp'],
      ['sky.heic', 'image/heic'],
    ]) {
      const bytes = readFileSync(join(__dirname, '../../../tests/fixtures/images', file))
      expect(await createThumbnail(new Uint8Array(bytes.subarray(0, 60)), mime)).toBeNull()
    }
  })
})

describe('makeThumbnail and embedded previews', () => {
  const red = { r: 230, g: 10, b: 10 }
  const blue = { r: 10, g: 10, b: 230 }
  afterEach(() => {
    delete process.env.MORGUE_IMAGE_DECODER
  })

  /** The colour of a thumbnail's centre: tells whether it came from the preview (blue). */
  async function centre(bytes: Uint8Array): Promise<'red' | 'blue'> {
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true })
    const o =
      (Math.floor(info.height / 2) * info.width + Math.floor(info.width / 2)) * info.channels
    return data[o] > data[o + 2] ? 'red' : 'blue'
  }

  it('makes the thumbnail from an MPF preview large enough, decoding only the preview', async () => {
    // A red photo whose embedded preview is blue: a blue thumbnail proves the preview was used.
    const bytes = withCameraPreviews(await solidJpeg(3000, 2000, red), {
      preview: await solidJpeg(1620, 1080, blue),
    })
    const made = await makeThumbnail(bytes, 'image/jpeg', 320)
    expect(made).toMatchObject({ ok: true, madeFrom: 'preview', decoder: 'sharp' })
    if (!made.ok) throw new Error('no thumbnail')
    expect([made.thumbnail.width, made.thumbnail.height]).toEqual([320, 213])
    expect(await centre(made.thumbnail.bytes)).toBe('blue')
  })

  it('decodes the photo itself when the only preview is a small letterboxed EXIF thumbnail', async () => {
    const bytes = withCameraPreviews(await solidJpeg(3000, 2000, red), {
      thumbnail: await solidJpeg(160, 120, blue),
    })
    const made = await makeThumbnail(bytes, 'image/jpeg', 320)
    expect(made).toMatchObject({ ok: true, madeFrom: 'image' })
    if (made.ok) expect(await centre(made.thumbnail.bytes)).toBe('red')
  })

  it('falls back to the photo when the preview does not decode', async () => {
    const preview = await solidJpeg(1620, 1080, blue)
    preview.fill(0x11, 700, preview.length - 2) // scan data overwritten, EOI kept
    const bytes = withCameraPreviews(await solidJpeg(3000, 2000, red), { preview })
    const made = await makeThumbnail(bytes, 'image/jpeg', 320)
    expect(made).toMatchObject({ ok: true, madeFrom: 'image' })
  })

  it("turns a preview upright by the photo's EXIF orientation", async () => {
    const bytes = withCameraPreviews(await solidJpeg(3000, 2000, red), {
      preview: await solidJpeg(1620, 1080, blue),
      orientation: 6,
    })
    const made = await makeThumbnail(bytes, 'image/jpeg', 320, { orientation: 6 })
    expect(made).toMatchObject({ ok: true, madeFrom: 'preview' })
    if (made.ok) expect([made.thumbnail.width, made.thumbnail.height]).toEqual([213, 320])
  })

  it('uses the pure-JS decoders when sharp is switched off, previews included', async () => {
    process.env.MORGUE_IMAGE_DECODER = 'js'
    const photo = await solidJpeg(1200, 800, red)
    expect(await makeThumbnail(photo, 'image/jpeg', 320)).toMatchObject({
      ok: true,
      madeFrom: 'image',
      decoder: 'js',
    })
    const withPreview = withCameraPreviews(photo, { preview: await solidJpeg(480, 320, blue) })
    const made = await makeThumbnail(withPreview, 'image/jpeg', 320)
    expect(made).toMatchObject({ ok: true, madeFrom: 'preview', decoder: 'js' })
    if (made.ok) expect(await centre(made.thumbnail.bytes)).toBe('blue')
  })

  it('reports damage, in one line, for a JPEG sharp cannot decode', async () => {
    const photo = await solidJpeg(1200, 800, red)
    const made = await makeThumbnail(photo.subarray(0, 400), 'image/jpeg', 320)
    expect(made.ok).toBe(false)
    if (!made.ok) {
      expect(made.decoder).toBe('sharp')
      expect(made.damage).toMatch(/\S/)
      expect(made.damage).not.toContain('\n')
    }
  })
})
