import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { exportJson } from '../../export/exportJson'
import { memoryBlobs, sampleItems } from '../../export/testItems'
import { ImportError } from '../importer'
import { importMorgueExportFile } from './importMorgueExportFile'
import { toDraft } from './jsonImporter'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'morgue-export-file-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

async function writeExport(ndjson: boolean, edit?: (lines: string[]) => void): Promise<string> {
  const source = memoryBlobs()
  const chunks: string[] = []
  await exportJson(sampleItems(source.ref), (c) => void chunks.push(c), {
    ndjson,
    readBlob: source.readBlob,
  })
  const lines = chunks.join('').split('\n')
  edit?.(lines)
  const file = join(dir, ndjson ? 'archive.ndjson' : 'archive.json')
  await writeFile(file, lines.join('\n'))
  return file
}

describe('importMorgueExportFile (streaming NDJSON)', () => {
  it('restores the items and their files from a file on disk', async () => {
    const file = await writeExport(true)
    const target = memoryBlobs()
    const { header, drafts } = await importMorgueExportFile(file, target.ctx)
    expect(header).toMatchObject({ format: 'morgue-export', version: 1 })
    expect(drafts).toEqual(sampleItems(memoryBlobs().ref).map(toDraft))
    expect(target.blobs.size).toBe(3)
  })

  it('stores nothing when a late line is bad, and names it', async () => {
    const file = await writeExport(true, (lines) => {
      lines[6] = '{"kind":"blob","sha256":"00","mime":"image/jpeg","base64":"AA=="}'
    })
    const target = memoryBlobs()
    const error = await importMorgueExportFile(file, target.ctx).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ImportError)
    expect((error as Error).message).toMatch(/^archive\.ndjson, line 7 has the wrong shape: sha256/)
    expect(target.blobs.size).toBe(0)
  })

  it('sends a JSON document back to the whole-file importer', async () => {
    const file = await writeExport(false)
    const error = await importMorgueExportFile(file, memoryBlobs().ctx).catch((e: unknown) => e)
    expect((error as Error).message).toBe(
      'archive.json is a JSON document, not NDJSON: import it as a whole.',
    )
  })
})
