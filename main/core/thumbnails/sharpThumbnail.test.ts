import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { jpegBomb } from '../importers/testing/testImages'
import { orientRawImage } from './orientRawImage'
import { sharpThumbnail } from './sharpThumbnail'

/** 60 × 40 RGB: red in the left half, green in the top half, so every turn and mirror differs. */
function quadrants(): Buffer {
  const w = 60
  const h = 40
  const data = Buffer.alloc(w * h * 3)
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      data[(y * w + x) * 3] = x < w / 2 ? 255 : 0
      data[(y * w + x) * 3 + 1] = y < h / 2 ? 255 : 0
    }
  }
  return data
}

/** Red/green bits at the four corners (3 px in), top-left first, clockwise. */
function corners(data: Uint8Array, width: number, height: number, channels: number): string {
  return [
    [3, 3],
    [width - 4, 3],
    [width - 4, height - 4],
    [3, height - 4],
  ]
    .map(([x, y]) => {
      const o = (y * width + x) * channels
      return `${data[o] > 128 ? 'R' : '-'}${data[o + 1] > 128 ? 'G' : '-'}`
    })
    .join(' ')
}

describe('sharpThumbnail', () => {
  const raw = { raw: { width: 60, height: 40, channels: 3 as const } }

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'turns EXIF orientation %i upright as libvips autorotate and the pure-JS path do',
    async (orientation) => {
      const png = await sharp(quadrants(), raw).png().toBuffer()
      const tagged = await sharp(png)
        .withMetadata({ orientation })
        .jpeg({ quality: 100 })
        .toBuffer()
      const auto = await sharp(tagged).autoOrient().raw().toBuffer({ resolveWithObject: true })
      const ours = await sharpThumbnail(sharp, png, 'image/png', 100, orientation)
      const oursRaw = await sharp(ours.bytes).raw().toBuffer({ resolveWithObject: true })
      const rgba = new Uint8Array(60 * 40 * 4)
      quadrants().forEach((v, i) => (rgba[Math.floor(i / 3) * 4 + (i % 3)] = v))
      const js = orientRawImage({ width: 60, height: 40, data: rgba }, orientation)

      const { width, height } = auto.info
      expect([ours.width, ours.height]).toEqual([width, height])
      const expected = corners(auto.data, width, height, 3)
      expect(corners(oursRaw.data, width, height, 3)).toBe(expected)
      expect(corners(js.data, js.width, js.height, 4)).toBe(expected)
    },
  )

  it('shrinks to the longest side, never enlarges, and gives a JPEG for an opaque image', async () => {
    const big = await sharpThumbnail(
      sharp,
      await sharp(quadrants(), raw).resize(3000, 2000).jpeg().toBuffer(),
      'image/jpeg',
      320,
    )
    expect([big.mime, big.width, big.height]).toEqual(['image/jpeg', 320, 213])
    const small = await sharpThumbnail(
      sharp,
      await sharp(quadrants(), raw).png().toBuffer(),
      'image/png',
      320,
    )
    expect([small.mime, small.width, small.height]).toEqual(['image/jpeg', 60, 40])
  })

  it('keeps transparency as PNG', async () => {
    const clear = await sharp({
      create: {
        width: 200,
        height: 100,
        channels: 4,
        background: { r: 0, g: 0, b: 255, alpha: 0.5 },
      },
    })
      .png()
      .toBuffer()
    const thumb = await sharpThumbnail(sharp, clear, 'image/png', 100)
    expect([thumb.mime, thumb.width, thumb.height]).toEqual(['image/png', 100, 50])
    const meta = await sharp(thumb.bytes).raw().toBuffer({ resolveWithObject: true })
    expect(meta.info.channels).toBe(4)
    expect(Math.abs(meta.data[3] - 128)).toBeLessThanOrEqual(1)
  })

  it('refuses a 50,000 × 50,000 px header without decoding it, and a truncated JPEG', async () => {
    await expect(
      sharpThumbnail(sharp, await jpegBomb(50_000, 50_000), 'image/jpeg', 320),
    ).rejects.toThrow(/pixel limit/i)
    const whole = await sharp(quadrants(), raw).resize(3000, 2000).jpeg().toBuffer()
    await expect(
      sharpThumbnail(sharp, whole.subarray(0, Math.floor(whole.length * 0.6)), 'image/jpeg', 320),
    ).rejects.toThrow()
  })
})
