import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ArchiveLockedError, openItemStore } from '../../main/core/storage'

const repoRoot = path.resolve(__dirname, '../..')
let dir: string
let child: ChildProcess | undefined

/** Start a second Morgue process holding `dir`; resolves with its first line of output. */
function holdInChild(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', 'tests/storage/holdArchive.ts', dir], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  return new Promise((resolve, reject) => {
    let out = ''
    child!.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString()
      if (out.includes('\n')) resolve(out.trim())
    })
    child!.on('exit', (code) => reject(new Error(`child exited (${code}) before holding: ${out}`)))
  })
}

function exited(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve()
    else proc.once('exit', () => resolve())
  })
}

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'morgue-lock-'))
})
afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    child.kill('SIGKILL')
    await exited(child)
  }
  child = undefined
  await fs.rm(dir, { recursive: true, force: true })
})

describe('archive lock across processes', () => {
  it('refuses the archive while another process holds it, then opens after it closes', async () => {
    const line = await holdInChild()
    expect(line).toBe(`ready ${child!.pid}`)

    const attempt = openItemStore(dir)
    await expect(attempt).rejects.toBeInstanceOf(ArchiveLockedError)
    await expect(attempt).rejects.toThrow(`(pid ${child!.pid}); close it first.`)

    child!.stdin!.end()
    await exited(child!)
    await expect(fs.access(path.join(dir, 'morgue.lock'))).rejects.toThrow()
    const store = await openItemStore(dir)
    await store.close()
  })

  it('takes over the lock of a holder that was killed', async () => {
    await holdInChild()
    const killed = child!
    killed.kill('SIGKILL')
    await exited(killed)
    const left = JSON.parse(await fs.readFile(path.join(dir, 'morgue.lock'), 'utf8'))
    expect(left.pid).toBe(killed.pid)

    const store = await openItemStore(dir)
    const now = JSON.parse(await fs.readFile(path.join(dir, 'morgue.lock'), 'utf8'))
    expect(now.pid).toBe(process.pid)
    await store.close()
  })

  it('makes the child report the lock when this process holds the archive', async () => {
    const store = await openItemStore(dir)
    expect(await holdInChild()).toBe(
      `error ArchiveLockedError: The archive at ${dir} is open in another Morgue process (pid ${process.pid}); close it first.`,
    )
    await store.close()
  })
})
