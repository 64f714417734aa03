import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import type { Archive } from '../../main/core/archiveApi'
import { openArchive } from '../../main/core/openArchive'
import { cli, tempDir } from '../helpers'
import { archiveWithArticles } from './fixtures'

let dir: string
let archiveDir: string
let cleanup: () => Promise<void>
let app: Archive

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('morgue-readonly-'))
  archiveDir = join(dir, 'archive')
  await archiveWithArticles(archiveDir, dir, 4)
  // The app: holds the archive (and its lock) open for writing.
  app = await openArchive(archiveDir, { importInWorker: false })
})
afterEach(async () => {
  await app.close()
  await cleanup()
})

it('reading commands work while the app has the archive open (read-only); writes are refused', async () => {
  const lockBefore = await readFile(join(archiveDir, 'morgue.lock'), 'utf8')
  const listed = await cli(['--archive', archiveDir, 'list', '--json'])
  expect(listed.code).toBe(0)
  expect(listed.stderr).toMatch(/open in the Morgue app: reading it .* \(read-only\)/)
  expect(JSON.parse(listed.stdout).total).toBe(4)

  const found = await cli(['--archive', archiveDir, 'search', 'raqa', '--json'])
  expect(found.code).toBe(0)
  expect(JSON.parse(found.stdout).total).toBe(4)
  expect((await cli(['--archive', archiveDir, 'verify'])).code).toBe(0)

  const id = JSON.parse(listed.stdout).items[0].id as string
  const tagged = await cli(['--archive', archiveDir, 'tag', id, 'Iran'])
  expect(tagged.code).toBe(1)
  expect(tagged.stderr).toMatch(/is open in another Morgue process/)
  // The app's lock and data are untouched; the app still writes.
  expect(await readFile(join(archiveDir, 'morgue.lock'), 'utf8')).toBe(lockBefore)
  await app.addTags([id], ['Iran'])
  expect((await app.get(id))?.tags).toContain('Iran')
})
