import { crc32 } from 'node:zlib'
import sharp from 'sharp'

/** A solid-colour JPEG of `width` × `height` made with sharp. */
export async function solidJpeg(
  width: number,
  height: number,
  colour: { r: number; g: number; b: number },
  quality = 90,
): Promise<Uint8Array> {
  const out = await sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg({ quality })
    .toBuffer()
  return new Uint8Array(out)
}

/**
 * A decompression bomb: a small valid JPEG whose frame header (SOF) is rewritten to claim
 * `width` × `height` pixels, the way such files are made (a few KB that would need gigabytes).
 */
export async function jpegBomb(width: number, height: number): Promise<Uint8Array> {
  const bytes = await solidJpeg(64, 64, { r: 90, g: 90, b: 90 })
  for (let at = 2; at + 9 < bytes.length;) {
    const marker = bytes[at + 1]
    if (marker >= 0xc0 && marker <= 0xc2) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
      view.setUint16(at + 5, height)
      view.setUint16(at + 7, width)
      return bytes
    }
    at += 2 + ((bytes[at + 2] << 8) | bytes[at + 3])
  }
  throw new Error('no frame header found')
}

/** The PNG counterpart: IHDR rewritten to `width` × `height` (its CRC fixed, so it parses). */
export async function pngBomb(width: number, height: number): Promise<Uint8Array> {
  const grey = { r: 90, g: 90, b: 90 }
  const png = new Uint8Array(
    await sharp({ create: { width: 64, height: 64, channels: 3, background: grey } })
      .png()
      .toBuffer(),
  )
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength)
  view.setUint32(16, width) // IHDR data starts at 16: width, height, …
  view.setUint32(20, height)
  view.setUint32(29, crc32(png.subarray(12, 29)) >>> 0) // CRC over 'IHDR' and its 13 bytes
  return png
}
