import { spawn, spawnSync } from 'node:child_process'
import { access, mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { join, resolve } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { acquireArchiveLock, isZombie } from '../../main/core/storage/archiveLock'
import { openItemStore } from '../../main/core/storage'
import { fullArticle, testIds } from '../../main/core/storage/testItems'
import { cli, tempDir } from '../helpers'

const repoRoot = resolve(__dirname, '../..')
let dir: string
let cleanup: () => Promise<void>

beforeEach(async () => {
  ;({ dir, cleanup } = await tempDir('morgue-clifaults-'))
})
afterEach(() => cleanup())

describe('faults found while probing the CLI', () => {
  it('piping into head ends quietly and releases the lock (no EPIPE stack trace)', async () => {
    const archiveDir = join(dir, 'archive')
    const store = await openItemStore(archiveDir)
    // ~2,500 lines of `list`: far more than a pipe buffer, so the writer meets a closed pipe.
    await store.put(testIds(2500, 7).map((id) => fullArticle(id)))
    await store.close()
    const run = spawnSync(
      'sh',
      [
        '-c',
        `"${process.execPath}" --import tsx main/cli.ts --archive "${archiveDir}" list | head -n 1`,
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    )
    expect(run.stdout.trim().split('\n')).toHaveLength(1)
    expect(run.stderr).not.toMatch(/EPIPE|Error|at .*\.ts:\d+/)
    await expect(access(join(archiveDir, 'morgue.lock'))).rejects.toThrow()
  }, 120_000)

  it('a killed process that is still a zombie does not hold the archive', async () => {
    const archiveDir = join(dir, 'archive')
    await mkdir(archiveDir, { recursive: true })
    // The child exits once its parent has been exec'd into `sleep 30`, which never reaps it: a
    // zombie. (A child that exits at once may be reaped by the shell before the exec.)
    const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 30'], {
      stdio: ['ignore', 'pipe', 'ignore'],
    })
    try {
      const pid = Number(
        await new Promise<string>((ok) =>
          parent.stdout.once('data', (c: Buffer) => ok(c.toString())),
        ),
      )
      await expect.poll(() => isZombie(pid), { timeout: 30_000 }).toBe(true)
      await writeFile(
        join(archiveDir, 'morgue.lock'),
        JSON.stringify({ pid, host: os.hostname(), startedAt: new Date().toISOString() }),
      )
      const lock = await acquireArchiveLock(archiveDir)
      expect(lock.info.pid).toBe(process.pid)
      await lock.release()
    } finally {
      parent.kill('SIGKILL')
    }
    expect(isZombie(process.pid)).toBe(false)
  })

  it('--archive naming a folder that does not exist is refused unless --create is given', async () => {
    const missing = join(dir, 'typo')
    const res = await cli(['--archive', missing, 'list'])
    expect(res.code).toBe(1)
    expect(res.stderr).toBe(
      `morgue: there is no archive at ${missing}; give --create to make a new one there\n`,
    )
    await expect(access(missing)).rejects.toThrow()
    expect((await cli(['--archive', missing, '--create', 'list'])).code).toBe(0)
    await access(join(missing, 'archive.json'))
  })

  it('a text file too large for one item is refused with a clear message, nothing stored', async () => {
    const big = join(dir, 'huge.txt')
    await writeFile(big, `A huge text\n\n${'Residents fled the old town. '.repeat(330_000)}`)
    const res = await cli(['--archive', join(dir, 'archive'), '--create', 'import', big])
    expect(res.code).toBe(1)
    expect(res.stdout).toContain(
      `${big} is 9 MB of text; Morgue keeps texts up to 8 MB as one item: split it into smaller files.`,
    )
    expect(
      JSON.parse((await cli(['--archive', join(dir, 'archive'), 'list', '--json'])).stdout).total,
    ).toBe(0)
  })

  it("search '' says to give a query instead of listing everything", async () => {
    const res = await cli(['--archive', dir, 'search', ''])
    expect(res.code).toBe(2)
    expect(res.stderr).toMatch(/give a query/)
    expect(res.stdout).toBe('')
  })
})
