import { spawn } from 'node:child_process'
import { build } from 'esbuild'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repoRoot } from '../corpus/corpusPaths'
import type { BuildResult, ChildMessage, ChildSpec, ColdResult } from './childProtocol'

/** How a child run ended. */
export type ChildOutcome =
  | { status: 'ok'; result: BuildResult | ColdResult; elapsedMs: number }
  | {
      status: 'timeout' | 'memory' | 'crashed'
      elapsedMs: number
      /** Articles indexed when it stopped (from the child's progress lines). */
      lastProgress: number
      /** Whether indexing had finished (the limit then covered saving and querying). */
      built: boolean
      /** Highest RSS the parent saw while polling, MB. */
      polledPeakRssMb: number
      detail: string
    }

export interface ChildLimits {
  timeoutMs: number
  maxRssMb: number
  /** V8 old-space limit, MB (lunr needs far more than the default at 50k). */
  heapMb: number
}

const CHILD = path.join(__dirname, 'child.ts')
/**
 * Children run bundled, as the app runs: electron-vite bundles main and each worker into one
 * file, so calls between modules are direct. Run from source under tsx, every imported function
 * is reached through an export getter and our engine measured ~0.5 ms slower per query. The
 * bundles go to out/bench (two levels down, like bench/corpus: `repoRoot` stays right), with
 * the search and build workers beside the child, where `spawnWorker` looks for them.
 */
const BUNDLE_DIR = path.join(repoRoot, 'out', 'bench')
let bundled: string | null = null

/** Bundle the child and the engine's workers once per run; returns the child's path. */
export async function bundleChild(): Promise<string> {
  if (bundled) return bundled
  await build({
    entryPoints: {
      child: CHILD,
      searchWorker: path.join(repoRoot, 'main/core/search/searchWorker.ts'),
      buildWorker: path.join(repoRoot, 'main/core/search/buildWorker.ts'),
    },
    outdir: BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  })
  bundled = path.join(BUNDLE_DIR, 'child.js')
  return bundled
}

function rssMb(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1]
    return kb ? Math.round(Number(kb) / 1024) : 0
  } catch {
    return 0
  }
}

/**
 * Run one measurement in a fresh Node process (the bundled child.ts), killing it when it
 * passes `timeoutMs` (for indexing, then again for saving and querying) or `maxRssMb` (polled every 500 ms from /proc) so a baseline that cannot
 * finish is reported as such instead of hanging the run. `onProgress` sees indexed counts.
 */
export async function runChild(
  spec: ChildSpec,
  specFile: string,
  limits: ChildLimits,
  onProgress: (done: number, elapsedMs: number) => void = () => {},
): Promise<ChildOutcome> {
  const script = await bundleChild()
  writeFileSync(specFile, JSON.stringify(spec))
  const started = Date.now()
  const child = spawn(
    process.execPath,
    [`--max-old-space-size=${limits.heapMb}`, script, specFile],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let result: BuildResult | ColdResult | null = null
  let lastProgress = 0
  let polledPeakRssMb = 0
  let stopped: 'timeout' | 'memory' | null = null
  let built = false
  let stderr = ''
  let pending = ''
  child.stdout.setEncoding('utf8')
  child.stdout.on('data', (chunk: string) => {
    pending += chunk
    let nl: number
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl)
      pending = pending.slice(nl + 1)
      let message: ChildMessage
      try {
        message = JSON.parse(line) as ChildMessage
      } catch {
        continue
      }
      if (message.type === 'progress') {
        lastProgress = message.done
        onProgress(message.done, message.elapsedMs)
      } else if (message.type === 'built') {
        built = true
        clearTimeout(timer)
        timer = setTimeout(stop, limits.timeoutMs)
      } else result = message.result
    }
  })
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4000)
  })
  const poll = setInterval(() => {
    if (child.pid === undefined) return
    const rss = rssMb(child.pid)
    polledPeakRssMb = Math.max(polledPeakRssMb, rss)
    if (rss > limits.maxRssMb && !stopped) {
      stopped = 'memory'
      child.kill('SIGKILL')
    }
  }, 500)
  const stop = (): void => {
    stopped = 'timeout'
    child.kill('SIGKILL')
  }
  let timer = setTimeout(stop, limits.timeoutMs)
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      clearInterval(poll)
      clearTimeout(timer)
      const elapsedMs = Date.now() - started
      if (result && !stopped) resolve({ status: 'ok', result, elapsedMs })
      else {
        const detail = stopped
          ? `killed after ${Math.round(elapsedMs / 1000)} s (${stopped})`
          : `exit ${code ?? signal}: ${stderr.trim().split('\n').slice(-3).join(' ')}`
        resolve({
          status: stopped ?? 'crashed',
          elapsedMs,
          lastProgress,
          built,
          polledPeakRssMb,
          detail,
        })
      }
    })
  })
}
