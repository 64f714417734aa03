import { createHash } from 'node:crypto'
import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { tempDir } from '../../tests/helpers'
import { readMedia, sniffImageMime } from './media'

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
const HTML = '<html><script>alert(1)</script></html>'
const hashOf = (b: string | Buffer) => createHash('sha256').update(b).digest('hex')
/** Real names: a is the JPEG, b the HTML, c a symlink out, d absent, e altered. */
const names: Record<string, string> = {
  a: hashOf(JPEG),
  b: hashOf(HTML),
  c: hashOf('outside the blobs'),
  d: 'd'.repeat(64),
  e: hashOf('the original bytes'),
}
const sha = (c: string) => names[c]

describe('readMedia', () => {
  let dir: string
  let cleanup: () => Promise<void>
  const blobPath = (s: string) => join(dir, 'blobs', s.slice(0, 2), s)

  beforeEach(async () => {
    ;({ dir, cleanup } = await tempDir('morgue-media-'))
    for (const name of Object.values(names)) {
      await mkdir(join(dir, 'blobs', name.slice(0, 2)), { recursive: true })
    }
    await writeFile(blobPath(sha('a')), JPEG)
    await writeFile(blobPath(sha('b')), HTML)
    await writeFile(blobPath(sha('e')), 'the altered bytes')
    await writeFile(join(dir, 'secret.txt'), 'outside the blobs')
    await symlink(join(dir, 'secret.txt'), blobPath(sha('c')))
  })
  afterEach(() => cleanup())

  it('serves an archived image with its image type', async () => {
    const media = await readMedia(dir, blobPath, sha('a'))
    expect(media?.mime).toBe('image/jpeg')
    expect(media?.bytes.equals(JPEG)).toBe(true)
  })

  it('serves HTML and anything not a raster image as plain text, never as a document', async () => {
    expect((await readMedia(dir, blobPath, sha('b')))?.mime).toBe('text/plain; charset=utf-8')
  })

  it('refuses names that are not a sha256, and symlinks leading out of the blobs folder', async () => {
    expect(await readMedia(dir, blobPath, '../secret.txt')).toBeNull()
    expect(await readMedia(dir, blobPath, `${sha('a')}/..`)).toBeNull()
    expect(await readMedia(dir, blobPath, sha('c'))).toBeNull()
    expect(await readMedia(dir, blobPath, sha('d'))).toBeNull()
  })

  it('never serves a file whose bytes no longer match its sha256', async () => {
    expect(await readMedia(dir, blobPath, sha('e'))).toBeNull()
  })

  it('knows the raster formats by their first bytes', () => {
    expect(sniffImageMime(Buffer.from('\x89PNG\r\n', 'latin1'))).toBe('image/png')
    expect(sniffImageMime(Buffer.from('RIFF\0\0\0\0WEBPVP8 ', 'latin1'))).toBe('image/webp')
    expect(sniffImageMime(Buffer.from('<svg onload=x>'))).toBeNull()
  })
})
