import { readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeText } from './decodeText'
import { ImportError, MAX_IMPORT_BYTES } from './importer'

const corpus = path.resolve(__dirname, '../../..', '../shared/corpora')
const utf8 = (s: string) => new TextEncoder().encode(s)

function failure(run: () => unknown): ImportError {
  try {
    run()
  } catch (err) {
    if (err instanceof ImportError) return err
    throw err
  }
  throw new Error('expected an ImportError')
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(utf8('Café “quoted”'), 'a.txt')).toBe('Café “quoted”')
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Café')])
    expect(decodeText(bom, 'a.txt')).toBe('Café')
  })

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Héllo £5\r\nline', 'utf16le'),
    ])
    expect(decodeText(le, 'le.txt')).toBe('Héllo £5\nline')
    const be = Buffer.from('Héllo £5', 'utf16le').swap16()
    expect(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be]), 'be.txt')).toBe('Héllo £5')
  })

  it('falls back to windows-1252 for invalid UTF-8 (BBC sport/199 has £)', () => {
    const bytes = readFileSync(path.join(corpus, 'bbc-news/bbc/sport/199.txt'))
    const text = decodeText(bytes, 'sport/199.txt')
    expect(text).toContain('£')
    expect(text).not.toContain('\uFFFD')
    expect(decodeText(new Uint8Array([0x93, 0x68, 0x69, 0x94, 0x20, 0x80]), 'x')).toBe('“hi” €')
  })

  it('turns CRLF and CR line ends into LF', () => {
    expect(decodeText(utf8('a\r\nb\rc\n'), 'x')).toBe('a\nb\nc\n')
  })

  it('refuses empty and whitespace-only files', () => {
    expect(failure(() => decodeText(new Uint8Array(), 'empty.txt')).message).toBe(
      'empty.txt is empty.',
    )
    expect(failure(() => decodeText(utf8(' \n\t\r\n '), 'blank.txt')).message).toBe(
      'blank.txt is empty.',
    )
  })

  it('refuses binary garbage', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])
    expect(failure(() => decodeText(png, 'pic.txt')).message).toBe('pic.txt is not a text file.')
    let seed = 7
    const noise = new Uint8Array(4096).map(() => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff
      return (seed >> 16) & 0xff
    })
    expect(failure(() => decodeText(noise, 'noise')).message).toBe('noise is not a text file.')
    const controls = utf8('ab\u0001\u0002\u0003\u0004cd\u0005\u0006\u0007\u0008')
    expect(failure(() => decodeText(controls, 'ctl')).message).toBe('ctl is not a text file.')
  })

  it('refuses files over the import limit, naming the limit', () => {
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61)
    const err = failure(() => decodeText(huge, 'huge.txt'))
    expect(err.message).toContain('huge.txt')
    expect(err.message).toContain('50 MB')
  })
})
