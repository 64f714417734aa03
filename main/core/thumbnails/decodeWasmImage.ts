import { readFile } from 'node:fs/promises'
import type { RawImage } from './decodeRawImage'

/** Larger images are not decoded for a preview (see decodeRawImage). */
const MAX_PIXELS = 100e6

type WebpDecode = (
  bytes: ArrayBuffer,
) => Promise<{ width: number; height: number; data: Uint8ClampedArray } | null>
type HeicDecode = (input: {
  buffer: Uint8Array
}) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>

let webp: Promise<WebpDecode> | null = null
let heic: Promise<HeicDecode> | null = null

/**
 * libwebp compiled to WebAssembly (@jsquash/webp, an ES module: loaded with `import()`), its
 * `.wasm` read from the package so no fetch is needed. Loaded on first use, once.
 */
function webpDecoder(): Promise<WebpDecode> {
  webp ??= (async () => {
    const mod = (await import('@jsquash/webp/decode.js')) as {
      default: WebpDecode
      init: (module: WebAssembly.Module) => Promise<void>
    }
    const wasmPath = require.resolve('@jsquash/webp/codec/dec/webp_dec.wasm')
    await mod.init(await WebAssembly.compile(await readFile(wasmPath)))
    return mod.default
  })()
  return webp
}

/** libheif compiled to WebAssembly (heic-decode over libheif-js), loaded on first use. */
function heicDecoder(): Promise<HeicDecode> {
  heic ??= import('heic-decode').then((mod) => mod.default)
  return heic
}

/**
 * Decode WebP or HEIC/HEIF bytes to RGBA with WebAssembly builds of libwebp and libheif (no
 * native module: they run in Electron unchanged). Returns null for other MIME types and for
 * images over 100 MP; throws on damaged data.
 */
export async function decodeWasmImage(bytes: Uint8Array, mime: string): Promise<RawImage | null> {
  if (mime === 'image/webp') {
    const decode = await webpDecoder()
    const copy = bytes.slice().buffer
    const out = await decode(copy)
    if (!out) throw new Error('not a WebP image')
    return fromImageData(out)
  }
  if (mime === 'image/heic') {
    const decode = await heicDecoder()
    return fromImageData(await decode({ buffer: bytes }))
  }
  return null
}

function fromImageData(img: {
  width: number
  height: number
  data: Uint8ClampedArray
}): RawImage | null {
  if (img.width * img.height > MAX_PIXELS) return null
  return {
    width: img.width,
    height: img.height,
    data: new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength),
  }
}
