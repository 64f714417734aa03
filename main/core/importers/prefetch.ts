/**
 * Run `task(i)` for the items of a list a few ahead of the one being awaited, so that while the
 * archive writes file i the import worker already parses files i+1…i+depth-1 (a photo's decode
 * runs on libuv's threads, its blobs are written on the main thread: both cores stay busy).
 * Returns `take(i)`, to be called once per index in increasing order; each task is started
 * once, at most `depth` are started and not yet taken. Tasks should not reject (return a
 * failure value instead): one that does rejects only its own `take`.
 */
export function prefetch<T>(
  count: number,
  depth: number,
  task: (i: number) => Promise<T>,
): (i: number) => Promise<T> {
  const started = new Map<number, Promise<T>>()
  let next = 0
  return (i) => {
    while (next < count && next < i + Math.max(1, depth)) {
      const running = task(next)
      running.catch(() => undefined) // taken (and its rejection handled) later, in order
      started.set(next++, running)
    }
    const running = started.get(i)
    if (!running) throw new Error(`prefetch: item ${i} was already taken or is out of range`)
    started.delete(i)
    return running
  }
}
