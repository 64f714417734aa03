import { useEffect, useState } from 'react'
import type { TagRule } from '../../../../preload/ruleContract'
import { archive, unwrap } from '../../api'

/** The archive's rules, fetched again whenever `version` changes (the archive told us). */
export function useRules(version: number): TagRule[] {
  const [rules, setRules] = useState<TagRule[]>([])
  useEffect(() => {
    let live = true
    unwrap(archive.rules()).then(
      (r) => live && setRules(r),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [version])
  return rules
}
