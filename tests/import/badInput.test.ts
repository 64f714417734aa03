import { open, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { corpora, seedFile, tempDir } from '../helpers'

// Each kind of bad file gets its own one-sentence reason, and the archive keeps exactly what it
// had before.
let dir: string
let cleanup: () => Promise<void>
let archive: Archive
let seedId: string

beforeAll(async () => {
  ;({ dir, cleanup } = await tempDir())
  archive = await openArchive(join(dir, 'archive'))
  seedId = (await archive.importPaths([seedFile])).outcomes[0].ids[0]
})
afterAll(async () => {
  await archive.close()
  await cleanup()
})

async function write(name: string, data: string | Uint8Array): Promise<string> {
  const path = join(dir, name)
  await writeFile(path, data)
  return path
}

/** A JPEG whose APP13 (IPTC) segment claims more bytes than it has. */
async function corruptJpeg(): Promise<Uint8Array> {
  const bytes = new Uint8Array(await readFile(join(corpora, 'iptc-images', 'ap-bush-dog.jpg')))
  for (let i = 2; i < bytes.length - 4; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xed) {
      bytes[i + 2] = 0xff
      bytes[i + 3] = 0xff
      for (let j = i + 4; j < Math.min(i + 64, bytes.length); j++) bytes[j] = 0x42
      break
    }
  }
  return bytes
}

describe('bad input', () => {
  it('is reported file by file and leaves the archive intact', async () => {
    const before = archive.list()
    const big = join(dir, 'huge.txt')
    const handle = await open(big, 'w')
    await handle.truncate(200 * 1024 * 1024) // sparse: 200 MB on paper, nothing written
    await handle.close()
    const files = {
      truncated: await write(
        'truncated.html',
        '<html><head><title>Half a page</title></head><body><p>Only th',
      ),
      noArticle: await write(
        'empty-page.html',
        '<html><head><title>Nav</title></head><body><nav><a href="/">Home</a></nav></body></html>',
      ),
      binaryHtml: await write(
        'binary.html',
        new Uint8Array([0x3c, 0x68, 0, 0, 0xff, 0xfe, 1, 2, 3, 0, 0, 9]),
      ),
      rss: await write('feed.rss', 'this is not xml <rss'),
      json: await write(
        'bad.ndjson',
        '{"format":"morgue-export","version":1}\n{"kind":"article","title":42}\n',
      ),
      big,
      jpeg: await write('corrupt.jpg', await corruptJpeg()),
      notJpeg: await write('fake.jpg', 'plain text pretending to be a photo'),
    }
    const report = await archive.importPaths(Object.values(files))
    const reason = (path: string) => report.outcomes.find((o) => o.source === path)
    for (const key of [
      'truncated',
      'noArticle',
      'binaryHtml',
      'rss',
      'json',
      'big',
      'notJpeg',
    ] as const) {
      const o = reason(files[key])
      expect(o?.status, key).toBe('failed')
      expect(o?.reason, key).toMatch(/^[^\n]{10,300}$/)
    }
    expect(reason(files.big)?.reason).toMatch(/200 MB.*50 MB/)
    expect(reason(files.rss)?.reason).toMatch(/XML/i)
    expect(reason(files.json)?.reason).toMatch(/line 2/)
    expect(reason(files.binaryHtml)?.reason).toMatch(/not (an? )?(HTML|text)/i)
    // A photo whose metadata is damaged is still a photo: archived without that metadata, or refused.
    const jpeg = reason(files.jpeg)
    expect(['imported', 'failed']).toContain(jpeg?.status)

    const after = archive.list()
    const added = jpeg?.status === 'imported' ? 1 : 0
    expect(after.total).toBe(before.total + added)
    expect(await archive.get(seedId)).toMatchObject({ title: expect.stringMatching(/^Iran says/) })
  })
})
