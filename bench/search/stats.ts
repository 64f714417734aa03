/** The value below which `p`% of the sorted `values` fall (nearest rank). Empty → NaN. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.ceil((p / 100) * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

export function median(values: readonly number[]): number {
  return percentile(values, 50)
}

/** Latency summary of one pass over the query mix. */
export interface Latency {
  p50: number
  p95: number
  p99: number
  max: number
}

export function latency(values: readonly number[]): Latency {
  return {
    p50: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: Math.max(...values),
  }
}

/** Per-statistic median over several passes (each pass summarised on its own first). */
export function medianLatency(passes: readonly Latency[]): Latency {
  return {
    p50: median(passes.map((l) => l.p50)),
    p95: median(passes.map((l) => l.p95)),
    p99: median(passes.map((l) => l.p99)),
    max: median(passes.map((l) => l.max)),
  }
}
