import { spawnSync } from 'node:child_process'
import path from 'node:path'
import { build } from 'esbuild'
import { repoRoot } from './corpusPaths'

/** The core's worker threads, bundled beside a bench script so `spawnWorker` finds them. */
const WORKERS = {
  importWorker: 'main/core/workers/importWorker.ts',
  searchWorker: 'main/core/search/searchWorker.ts',
  buildWorker: 'main/core/search/buildWorker.ts',
}

/**
 * Run a bench script as the app runs its code: bundled (electron-vite bundles main and each
 * worker into one file), with the workers beside it. From source under tsx every worker
 * transpiles its modules as it starts (about a second of CPU on this machine) and every call
 * between modules goes through an export getter, which the app never pays.
 *
 * Call at the top of the script's `main()`: in the source process it bundles the script into
 * `out/<name>/` (two levels down, so `repoRoot` stays right), runs the bundle in a child with
 * the same environment and resolves to its exit code; in the bundle it resolves to null and the
 * script goes on.
 */
export async function runBundled(entry: string, name: string): Promise<number | null> {
  if (process.env.MORGUE_BENCH_BUNDLED === '1') return null
  const outdir = path.join(repoRoot, 'out', name)
  await build({
    entryPoints: { [name]: entry, ...absolute(WORKERS) },
    outdir,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  })
  const child = spawnSync(process.execPath, [path.join(outdir, `${name}.js`)], {
    stdio: 'inherit',
    env: { ...process.env, MORGUE_BENCH_BUNDLED: '1' },
  })
  return child.status ?? 1
}

function absolute(files: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, path.join(repoRoot, v)]))
}
