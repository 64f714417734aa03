import { useCallback, useEffect, useState } from 'react'
import type { CreditStyleSetting } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'

/** The archive's house style for "Copy with credit", refetched when the archive changes. */
export function useCreditStyle(version: number, onFailure: (message: string) => void) {
  const [style, setStyle] = useState<CreditStyleSetting>({ style: 'plain', template: '' })
  useEffect(() => {
    let live = true
    unwrap(archive.creditStyle()).then(
      (s) => live && setStyle(s),
      (err: unknown) => live && onFailure(err instanceof Error ? err.message : String(err)),
    )
    return () => {
      live = false
    }
  }, [version, onFailure])
  // The new style applies at once (a copy right after saving uses it); a refusal puts back
  // the one saved before.
  const save = useCallback(
    (next: CreditStyleSetting) => {
      let before: CreditStyleSetting | null = null
      setStyle((s) => {
        before = s
        return next
      })
      return unwrap(archive.setCreditStyle(next)).catch((err: unknown) => {
        if (before) setStyle(before)
        onFailure(err instanceof Error ? err.message : String(err))
      })
    },
    [onFailure],
  )
  return { style, save }
}
