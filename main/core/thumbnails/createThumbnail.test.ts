import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import jpeg from 'jpeg-js'
import { PNG } from 'pngjs'
import { describe, expect, it } from 'vitest'
import { createThumbnail } from './createThumbnail'

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
