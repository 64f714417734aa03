import iconv from 'iconv-lite'
import { ImportError, MAX_IMPORT_BYTES } from './importer'

/** Above this share of control characters, the bytes are not text a person wrote. */
const MAX_CONTROL_SHARE = 0.1

/**
 * Decode a text file's bytes to a string with `\n` line ends.
 *
 * UTF-8 (with or without BOM) first; UTF-16 LE/BE when a BOM says so; bytes that are not valid
 * UTF-8 are read as windows-1252, the usual encoding of older Western files (a BBC file's `£`
 * is byte 0xA3). The BOM is dropped and CRLF/CR become LF.
 *
 * @throws ImportError when the input is larger than `MAX_IMPORT_BYTES`, empty or only
 *   whitespace, or binary (NUL bytes, or a high share of control characters).
 */
export function decodeText(bytes: Uint8Array, source: string): string {
  if (bytes.length > MAX_IMPORT_BYTES) {
    const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`
    throw new ImportError(
      `${source} is ${mb(bytes.length)}; Morgue imports text files up to ${mb(MAX_IMPORT_BYTES)}.`,
    )
  }
  const text = decodeBytes(bytes)
  if (looksBinary(text)) throw new ImportError(`${source} is not a text file.`)
  const normalised = text.replace(/\r\n?/g, '\n')
  if (normalised.trim() === '') throw new ImportError(`${source} is empty.`)
  return normalised
}

function decodeBytes(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(buffer.subarray(2), 'utf-16le')
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(buffer.subarray(2), 'utf-16be')
  const utf8 =
    bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? buffer.subarray(3) : buffer
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(utf8)
  } catch {
    return iconv.decode(buffer, 'windows-1252')
  }
}

/** NUL characters, or many control characters other than tab, line ends and form feed. */
function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text
  let control = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0xfffd) {
      control++
    }
  }
  return sample.length > 0 && control / sample.length > MAX_CONTROL_SHARE
}
