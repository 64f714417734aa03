import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { PassThrough, Readable } from 'node:stream'
import { runCli } from '../main/cli/runCli'

/** The shared corpora beside the repo (copyrighted: read in place, never copied in). */
export const corpora = resolve(__dirname, '..', '..', 'shared', 'corpora')
export const seedFile = join(corpora, 'seed', '000_0573ed9d5a68091b.txt')

/** A fresh temp folder; `cleanup` removes it. */
export async function tempDir(prefix = 'morgue-test-'): Promise<{
  dir: string
  cleanup: () => Promise<void>
}> {
  const dir = await mkdtemp(join(tmpdir(), prefix))
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) }
}

/** Run the CLI in-process; returns its exit code and what it printed. */
export async function cli(
  args: string[],
  stdinText = '',
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] }
  stdout.on('data', (c: Buffer) => chunks.out.push(c))
  stderr.on('data', (c: Buffer) => chunks.err.push(c))
  const code = await runCli(args, { stdout, stderr, stdin: Readable.from([stdinText]) })
  return {
    code,
    stdout: Buffer.concat(chunks.out).toString('utf8'),
    stderr: Buffer.concat(chunks.err).toString('utf8'),
  }
}
