import { spawn } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
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
 * Run one measurement in a fresh Node process (`node --import tsx child.ts`), killing it when it
 * passes `timeoutMs` (for indexing, then again for saving and querying) or `maxRssMb` (polled every 500 ms from /proc) so a baseline that cannot
 * finish is reported as such instead of hanging the run. `onProgress` sees indexed counts.
 */
export function runChild(
  spec: ChildSpec,
  specFile: string,
  limits: ChildLimits,
  onProgress: (done: number, elapsedMs: number) => void = () => {},
): Promise<ChildOutcome> {
  writeFileSync(specFile, JSON.stringify(spec))
  const started = Date.now()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', `--max-old-space-size=${limits.heapMb}`, CHILD, specFile],
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
