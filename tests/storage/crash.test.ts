import { spawn } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { openItemStore } from '../../main/core/storage'
import { fullArticle } from '../../main/core/storage/testItems'

const repoRoot = path.resolve(__dirname, '../..')
let dir: string

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'morgue-crash-'))
})
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true })
})

it('keeps every item whose put had resolved when the writer is killed mid-stream', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'tests/storage/writeUntilKilled.ts', dir],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  const confirmed: string[] = []
  let partial = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop()!
      confirmed.push(...lines)
      // Killed while it keeps writing: the kill lands in the middle of some put.
      if (confirmed.length >= 60 && child.exitCode === null) child.kill('SIGKILL')
    })
    child.on('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited with ${code}`)),
    )
  })

  const store = await openItemStore(dir)
  try {
    expect(confirmed.length).toBeGreaterThanOrEqual(60)
    const items = await store.getMany(confirmed)
    expect(items.map((i) => i.id)).toEqual(confirmed)
    // Puts that landed after the last line we read are there whole too: no half-written item.
    const every = await store.getMany([...store.summaries()].map((s) => s.id))
    expect(every.length).toBeGreaterThanOrEqual(confirmed.length)
    for (const item of every) {
      expect(item).toEqual(
        fullArticle(item.id, { body: [`Body of ${item.id}.`], tags: [`tag-${item.id}`] }),
      )
    }
    expect(await fs.readdir(path.join(dir, 'tmp'))).toEqual([])
  } finally {
    await store.close()
  }
})
