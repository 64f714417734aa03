import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import {
  _electron,
  chromium,
  test as base,
  expect,
  type ElectronApplication,
  type Page,
} from '@playwright/test'
import type { ImportReport } from '../main/core/model'

export type AppTarget = 'chromium' | 'electron'

/** The repository root (e2e/ is one level down). */
export const repoRoot = resolve(__dirname, '..')
/** The shared test corpora, read in place (never copied into the repo). */
export const corpusDir =
  process.env.MORGUE_CORPORA_DIR ?? resolve(repoRoot, '..', 'shared', 'corpora')
export const seedFile = join(corpusDir, 'seed', '000_0573ed9d5a68091b.txt')

/** Debian's Chromium; Playwright's own download has no CDN to reach here. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
]

/** The Electron binary if one is on disk (ELECTRON_EXEC_PATH, or the npm package's dist). */
export function electronBinary(): string | null {
  const fromEnv = process.env.ELECTRON_EXEC_PATH
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null
  const pkg = join(repoRoot, 'node_modules', 'electron')
  const pathFile = join(pkg, 'path.txt')
  if (!existsSync(pathFile)) return null
  const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(bin) ? bin : null
}

/** Start `node out/main/serve.js` on an archive; resolves with the URL it prints. */
async function startServe(archiveDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(
    process.execPath,
    [
      join(repoRoot, 'out/main/serve.js'),
      '--archive',
      archiveDir,
      // The test-only importPaths hook reads the corpora and files the tests write.
      '--import-root',
      corpusDir,
      '--import-root',
      tmpdir(),
      '--import-root',
      join(repoRoot, 'e2e', '.output'),
    ],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let output = ''
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${output}`)), 30_000)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const m = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]+)/.exec(output)
      if (m) {
        clearTimeout(timer)
        resolveUrl(m[1])
      }
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`serve exited with ${code}:\n${output}`))
    })
  })
  return { url, child }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  child.kill('SIGTERM')
  await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  if (child.exitCode === null) child.kill('SIGKILL')
}

/** Run the CLI on an archive (used to prepare big archives before the app opens them). */
export async function runCli(archiveDir: string, args: string[]): Promise<string> {
  const child = spawn(
    process.execPath,
    [join(repoRoot, 'out/main/cli.js'), '--archive', archiveDir, '--create', ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let out = ''
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()))
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()))
  const code = await new Promise<number | null>((r) => child.once('exit', r))
  if (code !== 0) throw new Error(`morgue ${args.join(' ')} failed (${code}):\n${out}`)
  return out
}

interface Fixtures {
  /** Which app the test drives (set per project in playwright.config.ts). */
  target: AppTarget
  /** Runs on the fresh archive before the app opens it (e.g. to generate 2,000 articles). */
  prepareArchive: ((archiveDir: string) => Promise<void>) | null
  /** A fresh temp archive folder, removed after the test. */
  archiveDir: string
  /** The app's window, opened on `archiveDir`. */
  page: Page
  /**
   * Test-only hook: import files by path through the app's own bridge (IPC in Electron, the
   * loopback RPC in the browser), as a drop of files would.
   */
  importPaths: (paths: string[]) => Promise<ImportReport>
}

export const test = base.extend<Fixtures>({
  target: ['chromium', { option: true }],
  prepareArchive: [null, { option: true }],

  // Playwright reads a fixture's dependencies from its destructuring pattern: `{}` means none.
  // eslint-disable-next-line no-empty-pattern
  archiveDir: async ({}, use) => {
    const dir = await mkdtemp(join(tmpdir(), 'morgue-e2e-'))
    await use(join(dir, 'archive'))
    await rm(dir, { recursive: true, force: true })
  },

  page: async ({ target, archiveDir, prepareArchive, viewport, colorScheme }, use, testInfo) => {
    const executablePath = target === 'electron' ? electronBinary() : null
    testInfo.skip(
      target === 'electron' && !executablePath,
      'No Electron binary on this machine (node_modules/electron/dist is empty and ELECTRON_EXEC_PATH is unset).',
    )
    if (prepareArchive) await prepareArchive(archiveDir)
    if (target === 'electron') {
      const app: ElectronApplication = await _electron.launch({
        executablePath: executablePath as string,
        args: [repoRoot],
        env: {
          ...process.env,
          MORGUE_ARCHIVE_DIR: archiveDir,
          MORGUE_USER_DATA_DIR: join(archiveDir, '..', 'user-data'),
        } as Record<string, string>,
      })
      const page = await app.firstWindow()
      await use(page)
      await app.close()
      return
    }
    const launched = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
    const context = await launched.newContext({ viewport: viewport ?? undefined, colorScheme })
    const served = await startServe(archiveDir)
    const page = await context.newPage()
    await page.goto(served.url)
    await use(page)
    await context.close()
    await launched.close()
    await stop(served.child)
  },

  importPaths: async ({ page, target }, use) => {
    await use(async (paths) => {
      const reply = await page.evaluate(
        async ({ paths, target }) => {
          if (target === 'electron') {
            const bridge = (
              window as unknown as { archive: { importPaths(p: string[]): Promise<unknown> } }
            ).archive
            return bridge.importPaths(paths)
          }
          const token = new URLSearchParams(location.search).get('token') ?? ''
          const res = await fetch('/rpc/importPaths', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Morgue-Token': token },
            body: JSON.stringify([paths]),
          })
          return res.json()
        },
        { paths, target },
      )
      const r = reply as { ok: boolean; value?: ImportReport; reason?: string }
      if (!r.ok || !r.value)
        throw new Error(`importPaths failed: ${r.reason ?? JSON.stringify(reply)}`)
      return r.value
    })
  },
})

export { expect }
