import { useCallback, useEffect, useState } from 'react'
import type { FeedView } from '../../../../preload/contract'
import { archive, unwrap } from '../../api'

/** The subscribed feeds with unread counts, refetched whenever the archive changes. */
export function useFeeds(version: number, onFailure: (message: string) => void) {
  const [feeds, setFeeds] = useState<FeedView[]>([])
  const [refreshMinutes, setRefreshMinutes] = useState(0)
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    let live = true
    unwrap(archive.feeds()).then(
      (r) => {
        if (!live) return
        setFeeds(r.feeds)
        setRefreshMinutes(r.refreshMinutes)
      },
      (err: Error) => live && onFailure(err.message),
    )
    return () => {
      live = false
    }
  }, [version, onFailure])

  /** Run a feed action, one at a time, showing which feed is busy. */
  const run = useCallback(
    async <T>(label: string, action: () => Promise<T>): Promise<T | null> => {
      setBusy(label)
      try {
        return await action()
      } catch (err) {
        onFailure(err instanceof Error ? err.message : String(err))
        return null
      } finally {
        setBusy(null)
      }
    },
    [onFailure],
  )

  return { feeds, refreshMinutes, busy, run }
}
