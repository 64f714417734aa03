import { useCallback, useEffect, useState } from 'react'
import type { ArchiveStats, SavedSearch, TagInfo } from '../../../main/core/model'
import type { TagNode } from '../../../main/core/tagTree/tagTree'
import { archive, unwrap } from '../api'

/**
 * The archive-wide data the window shows beside the results (tags and their tree, saved searches, stats),
 * refetched whenever main says the archive changed. `version` counts those changes so
 * results and the reader refetch too.
 */
export function useArchiveData(onFailure: (message: string) => void) {
  const [version, setVersion] = useState(0)
  const [tags, setTags] = useState<TagInfo[]>([])
  const [tree, setTree] = useState<TagNode[]>([])
  const [saved, setSaved] = useState<SavedSearch[]>([])
  const [stats, setStats] = useState<ArchiveStats | null>(null)

  // A long import reports changes batch by batch: refetch at most about four times a second.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null
    const off = archive.onChanged(() => {
      timer ??= setTimeout(() => {
        timer = null
        setVersion((v) => v + 1)
      }, 250)
    })
    return () => {
      off()
      if (timer) clearTimeout(timer)
    }
  }, [])

  useEffect(() => {
    let live = true
    const fail = (err: unknown) =>
      live && onFailure(err instanceof Error ? err.message : String(err))
    unwrap(archive.tags()).then((t) => live && setTags(t), fail)
    unwrap(archive.tagTree()).then((t) => live && setTree(t), fail)
    unwrap(archive.savedSearches()).then((s) => live && setSaved(s), fail)
    unwrap(archive.stats()).then((s) => live && setStats(s), fail)
    return () => {
      live = false
    }
  }, [version, onFailure])

  const tagColor = useCallback(
    (name: string) => tags.find((t) => t.name.toLowerCase() === name.toLowerCase())?.color,
    [tags],
  )
  const refresh = useCallback(() => setVersion((v) => v + 1), [])

  return { version, tags, tree, saved, stats, tagColor, refresh }
}
