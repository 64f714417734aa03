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
  const save = useCallback(
    (next: CreditStyleSetting) =>
      unwrap(archive.setCreditStyle(next)).then(
        () => setStyle(next),
        (err: unknown) => onFailure(err instanceof Error ? err.message : String(err)),
      ),
    [onFailure],
  )
  return { style, save }
}
