import { readFileSync } from 'node:fs'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ArchiveLockedError } from './itemStore'
import { LOCK_FILE } from './layout'

/** What a lock file says about the process holding the archive. */
export interface LockInfo {
  pid: number
  host: string
  /** ISO 8601, when the holder opened the archive. */
  startedAt: string
}

/** A held lock; `release()` removes the lock file if it is still ours. */
export interface ArchiveLock {
  readonly file: string
  readonly info: LockInfo
  release(): Promise<void>
}

/**
 * Take the single-writer lock of an archive folder (`morgue.lock`).
 *
 * The lock file is written complete under a temp name and then hard-linked into place, so it
 * appears atomically and is never seen half-written. File systems without hard links (FAT,
 * exFAT on a USB stick) get an exclusive create instead, and an unreadable lock younger than
 * {@link FRESH_LOCK_MS} then counts as being written.
 *
 * A lock is stale, and taken over, when its process no longer runs on this host (crash,
 * kill -9, or a zombie not yet reaped by its parent), when it was written before the last boot (its pid may have been reused since), when
 * it carries this process's pid but this process did not take it (a previous life with the same
 * pid, common in containers), or when it is unreadable and not fresh.
 *
 * Limits: a lock from another host cannot be checked and is always respected; if a dead
 * holder's pid was reused by an unrelated process since the last boot, the lock looks live
 * (remove the file by hand; the error message names the pid).
 *
 * @throws ArchiveLockedError when another live process (or this one) holds the archive.
 */
export async function acquireArchiveLock(dir: string): Promise<ArchiveLock> {
  const file = path.join(dir, LOCK_FILE)
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    startedAt: new Date().toISOString(),
  }
  const text = JSON.stringify(info)
  const temp = `${file}.${process.pid}.${Date.now()}.tmp`
  await fs.writeFile(temp, text)
  try {
    // Two tries: the second after removing a stale lock. If another opener races us to the
    // takeover, the create fails again and we report the winner as the holder.
    for (let attempt = 0; attempt < 2; attempt++) {
      if (await createExclusively(temp, file, text)) {
        heldHere.add(file)
        return { file, info, release: () => releaseIfOurs(file, info) }
      }
      const holder = await readLock(file)
      if (holder ? isLive(file, holder) : await isFresh(file)) {
        throw new ArchiveLockedError(dir, holder?.pid)
      }
      if (attempt === 0) await fs.rm(file, { force: true })
    }
    const holder = await readLock(file)
    throw new ArchiveLockedError(dir, holder?.pid)
  } finally {
    await fs.rm(temp, { force: true })
  }
}

/** An unreadable lock this young may be one being written by an exclusive create. */
const FRESH_LOCK_MS = 10_000

/** Create `file` only if absent; false if it exists. */
async function createExclusively(temp: string, file: string, text: string): Promise<boolean> {
  try {
    await fs.link(temp, file)
    return true
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'EEXIST') return false
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error
  }
  try {
    await fs.writeFile(file, text, { flag: 'wx' })
    return true
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
}

async function isFresh(file: string): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => undefined)
  return stat !== undefined && Date.now() - stat.mtimeMs < FRESH_LOCK_MS
}

/** The lock file's content, or undefined if it is absent or unreadable. */
export async function readLock(file: string): Promise<LockInfo | undefined> {
  try {
    const value = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockInfo>
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined
    return { pid: value.pid, host: value.host, startedAt: String(value.startedAt) }
  } catch {
    return undefined
  }
}

/** Lock files this process holds (its own pid in any other lock file is a previous life's). */
const heldHere = new Set<string>()

function isLive(file: string, holder: LockInfo): boolean {
  if (holder.host !== os.hostname()) return true
  if (holder.pid === process.pid) return heldHere.has(file)
  // Written before this machine booted: its pid may since belong to anything.
  const bootedAt = Date.now() - os.uptime() * 1000
  if (Date.parse(holder.startedAt) < bootedAt - 60_000) return false
  try {
    process.kill(holder.pid, 0)
    // A killed process whose parent has not reaped it yet still answers: it is a zombie.
    return !isZombie(holder.pid)
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Whether `pid` has exited but not been reaped (state Z in /proc; false where there is none). */
export function isZombie(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // "pid (comm) S …": the name may hold spaces and parentheses, the state follows the last ')'.
    return stat
      .slice(stat.lastIndexOf(')') + 1)
      .trim()
      .startsWith('Z')
  } catch {
    return false
  }
}

async function releaseIfOurs(file: string, info: LockInfo): Promise<void> {
  heldHere.delete(file)
  const holder = await readLock(file)
  if (
    holder?.pid === info.pid &&
    holder.host === info.host &&
    holder.startedAt === info.startedAt
  ) {
    await fs.rm(file, { force: true })
  }
}
