import path from 'node:path'

/** The repository root (this file lives in bench/corpus). */
export const repoRoot = path.resolve(__dirname, '../..')

/**
 * The shared test corpora, read in place and never copied into the repo. `MORGUE_CORPORA`
 * overrides the default `../shared/corpora` beside the checkout.
 */
export function corpusDir(): string {
  return process.env.MORGUE_CORPORA ?? path.resolve(repoRoot, '..', 'shared', 'corpora')
}

/** Where benchmarks keep generated data and indexes (git-ignored). `BENCH_DATA_DIR` overrides. */
export function benchDataDir(): string {
  return process.env.BENCH_DATA_DIR ?? path.join(repoRoot, 'bench', '.data')
}
