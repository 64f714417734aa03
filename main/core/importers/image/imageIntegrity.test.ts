import { describe, expect, it } from 'vitest'
import { withCameraPreviews } from '../testing/jpegSegments'
import { jpegBomb, pngBomb, solidJpeg } from '../testing/testImages'
import { jpegEndsWhole, refusalBeforeDecoding } from './imageIntegrity'
import { readImageSize } from './imageSize'

const grey = { r: 128, g: 128, b: 128 }

describe('refusalBeforeDecoding', () => {
  it('refuses a 50,000 × 50,000 px JPEG or PNG header as a decompression bomb', async () => {
    for (const [format, bytes] of [
      ['jpeg', await jpegBomb(50_000, 50_000)],
      ['png', await pngBomb(50_000, 50_000)],
    ] as const) {
      const size = readImageSize(bytes, format)
      expect(size).toEqual({ width: 50_000, height: 50_000 })
      expect(refusalBeforeDecoding(bytes, format, size, `bomb.${format}`)).toBe(
        `bomb.${format} is 50,000 × 50,000 pixels (2,500 megapixels), more than the 268 megapixels Morgue decodes: it was refused as a possible decompression bomb.`,
      )
    }
  })

  it('lets a whole 24 MP photo through, and one at the limit of 16,383 × 16,383', async () => {
    const photo = await solidJpeg(600, 400, grey)
    expect(
      refusalBeforeDecoding(photo, 'jpeg', { width: 6000, height: 4000 }, 'a.jpg'),
    ).toBeUndefined()
    expect(
      refusalBeforeDecoding(photo, 'jpeg', { width: 16_383, height: 16_383 }, 'a.jpg'),
    ).toBeUndefined()
  })

  it('refuses a JPEG cut inside its image data', async () => {
    const photo = await solidJpeg(1200, 800, grey)
    const cut = photo.subarray(0, photo.length - 300)
    expect(refusalBeforeDecoding(cut, 'jpeg', readImageSize(cut, 'jpeg'), 'cut.jpg')).toBe(
      'cut.jpg is truncated: the file ends inside its image data (an interrupted copy or download).',
    )
  })
})

describe('jpegEndsWhole', () => {
  it('is true for a whole JPEG, also with a preview stored after it or bytes trailing it', async () => {
    const photo = await solidJpeg(300, 200, grey)
    expect(jpegEndsWhole(photo)).toBe(true)
    const withPreview = withCameraPreviews(photo, { preview: await solidJpeg(150, 100, grey) })
    expect(jpegEndsWhole(withPreview)).toBe(true)
    expect(jpegEndsWhole(new Uint8Array([...photo, 0, 0, 0, 0]))).toBe(true)
  })

  it('is false when the file ends in the scan or before it, even with an EXIF thumbnail inside', async () => {
    const photo = withCameraPreviews(await solidJpeg(1200, 800, grey), {
      thumbnail: await solidJpeg(160, 120, grey),
    })
    expect(jpegEndsWhole(photo)).toBe(true)
    expect(jpegEndsWhole(photo.subarray(0, photo.length - 2))).toBe(false)
    expect(jpegEndsWhole(photo.subarray(0, 2000))).toBe(false) // inside APP1, past the thumbnail
  })
})
