import type { Archive } from '../archiveApi'

/**
 * Refresh the feeds on the user's schedule (Settings: every N minutes; off by default) while
 * the app runs: a check each minute refreshes the feeds that are due, one run at a time.
 * A feed that keeps failing waits longer each time (see feedSubscriptions' backoff).
 * Returns the function that stops it.
 */
export function startFeedScheduler(
  archive: Archive,
  options: { tickMs?: number; onError?: (err: unknown) => void } = {},
): () => void {
  let running = false
  const tick = () => {
    if (running || archive.feedRefreshMinutes() <= 0 || archive.feeds().length === 0) return
    running = true
    archive
      .refreshFeeds(undefined, { dueOnly: true })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => {
        running = false
      })
  }
  const timer = setInterval(tick, options.tickMs ?? 60_000)
  timer.unref?.()
  return () => clearInterval(timer)
}
