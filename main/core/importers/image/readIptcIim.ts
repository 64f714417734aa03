import type { ImageFormat } from './imageFormat'

/** IPTC-IIM application record (2:xx) fields, by name; repeatable ones as lists. */
export interface IptcFields {
  objectName?: string
  keywords: string[]
  dateCreated?: string
  timeCreated?: string
  byline: string[]
  city?: string
  country?: string
  headline?: string
  credit?: string
  source?: string
  copyright?: string
  caption?: string
}

const DATASETS: Record<number, keyof IptcFields> = {
  5: 'objectName',
  25: 'keywords',
  55: 'dateCreated',
  60: 'timeCreated',
  80: 'byline',
  90: 'city',
  101: 'country',
  105: 'headline',
  110: 'credit',
  115: 'source',
  116: 'copyright',
  120: 'caption',
}

/**
 * Read IPTC-IIM from a JPEG (APP13 Photoshop resource 0x0404) or TIFF (tag 33723, or the
 * Photoshop resources of tag 34377).
 *
 * Written here rather than taken from exifr because exifr stops at the first dataset outside
 * record 2 (Reuters files put a record-7 dataset before the caption) and reads every string as
 * Latin-1. Text is decoded as UTF-8 when record 1:90 declares it (`ESC % G`) or when the bytes
 * are valid UTF-8, else as Latin-1. Damaged data ends the read early; never throws.
 */
export function readIptcIim(bytes: Uint8Array, format: ImageFormat): IptcFields {
  const out: IptcFields = { keywords: [], byline: [] }
  let block: Uint8Array | undefined
  try {
    if (format === 'jpeg') block = photoshopIptc(jpegApp13(bytes))
    else if (format === 'tiff') block = tiffIptc(bytes)
  } catch {
    return out
  }
  if (!block) return out
  const datasets = readDatasets(block)
  const utf8Declared = datasets.some(
    (d) => d.record === 1 && d.dataset === 90 && ascii(d.value).includes('\x1b%G'),
  )
  for (const d of datasets) {
    if (d.record !== 2) continue
    const field = DATASETS[d.dataset]
    if (!field) continue
    const text = decodeText(d.value, utf8Declared)
    if (!text) continue
    const current = out[field]
    if (Array.isArray(current)) current.push(text)
    else if (current === undefined) (out as unknown as Record<string, string>)[field] = text
  }
  return out
}

interface Dataset {
  record: number
  dataset: number
  value: Uint8Array
}

function readDatasets(block: Uint8Array): Dataset[] {
  const out: Dataset[] = []
  let at = block.indexOf(0x1c)
  while (at >= 0 && at + 5 <= block.length && block[at] === 0x1c) {
    const record = block[at + 1]
    const dataset = block[at + 2]
    let length = (block[at + 3] << 8) | block[at + 4]
    let start = at + 5
    if (length & 0x8000) {
      // Extended dataset: the low 15 bits give how many bytes hold the real length.
      const n = length & 0x7fff
      if (n > 4 || start + n > block.length) break
      length = 0
      for (let i = 0; i < n; i++) length = length * 256 + block[start + i]
      start += n
    }
    if (start + length > block.length) break
    out.push({ record, dataset, value: block.subarray(start, start + length) })
    at = start + length
  }
  return out
}

const utf8 = new TextDecoder('utf-8', { fatal: true })
const latin1 = new TextDecoder('latin1')

function decodeText(value: Uint8Array, utf8Declared: boolean): string | undefined {
  let text: string
  if (utf8Declared || value.every((b) => b < 0x80)) {
    text = new TextDecoder('utf-8').decode(value)
  } else {
    try {
      text = utf8.decode(value)
    } catch {
      text = latin1.decode(value)
    }
  }
  // Some writers pad IIM strings with NUL bytes.
  const nul = text.indexOf('\0')
  const t = (nul >= 0 ? text.slice(0, nul) : text).normalize('NFC').replace(/\r\n?/g, '\n').trim()
  return t || undefined
}

/** The concatenated payloads of the APP13 `Photoshop 3.0` segments, before the image data. */
function jpegApp13(bytes: Uint8Array): Uint8Array | undefined {
  const parts: Uint8Array[] = []
  let at = 2
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]
    if (marker === 0xff) {
      at++
      continue
    }
    if (marker === 0xda || marker === 0xd9) break
    const length = (bytes[at + 2] << 8) | bytes[at + 3]
    if (length < 2 || at + 2 + length > bytes.length) break
    const payload = bytes.subarray(at + 4, at + 2 + length)
    if (marker === 0xed && ascii(payload.subarray(0, 14)) === 'Photoshop 3.0\0') {
      parts.push(payload.subarray(14))
    }
    at += 2 + length
  }
  if (!parts.length) return undefined
  return parts.length === 1 ? parts[0] : Buffer.concat(parts)
}

/** Resource 0x0404 among Photoshop image resources (`8BIM`, id, Pascal name, size, data). */
function photoshopIptc(resources: Uint8Array | undefined): Uint8Array | undefined {
  if (!resources) return undefined
  const view = new DataView(resources.buffer, resources.byteOffset, resources.byteLength)
  let at = 0
  while (at + 12 <= resources.length && ascii(resources.subarray(at, at + 4)) === '8BIM') {
    const id = view.getUint16(at + 4)
    const nameLength = resources[at + 6]
    const namePadded = (nameLength + 2) & ~1 // length byte + name, padded to even
    const sizeAt = at + 6 + namePadded
    if (sizeAt + 4 > resources.length) return undefined
    const size = view.getUint32(sizeAt)
    const data = resources.subarray(sizeAt + 4, sizeAt + 4 + size)
    if (id === 0x0404) return data
    at = sizeAt + 4 + size + (size % 2)
  }
  return undefined
}

function tiffIptc(bytes: Uint8Array): Uint8Array | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const little = view.getUint16(0) === 0x4949
  const ifd = view.getUint32(4, little)
  const count = view.getUint16(ifd, little)
  let photoshop: Uint8Array | undefined
  for (let i = 0; i < count; i++) {
    const at = ifd + 2 + i * 12
    const tag = view.getUint16(at, little)
    if (tag !== 33723 && tag !== 34377) continue
    const type = view.getUint16(at + 2, little)
    const unit = type === 4 ? 4 : type === 3 ? 2 : 1
    const length = view.getUint32(at + 4, little) * unit
    const start = length <= 4 ? at + 8 : view.getUint32(at + 8, little)
    const data = bytes.subarray(start, start + length)
    if (tag === 33723) return data
    photoshop = data
  }
  return photoshopIptc(photoshop)
}

function ascii(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes)
}
