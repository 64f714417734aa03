/**
 * `Promise.all(items.map(fn))` with at most `limit` calls in flight, results in input order.
 * Keeps thousands of reads or writes from exhausting file descriptors. Rejects with the first
 * error once the calls already started have settled.
 */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | undefined
  async function worker(): Promise<void> {
    while (next < items.length && !failure) {
      const index = next++
      try {
        results[index] = await fn(items[index], index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  if (failure) throw failure.error
  return results
}
