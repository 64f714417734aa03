import type { HitCluster } from './types'

/** "+3 similar (AP, Reuters, BBC)": the other members' outlets, each once, in rank order. */
export function similarLabel(cluster: Pick<HitCluster, 'size' | 'others'>, maxSources = 4): string {
  const sources: string[] = []
  for (const m of cluster.others) {
    const s = m.source?.trim()
    if (s && !sources.includes(s)) sources.push(s)
  }
  const shown = sources.slice(0, maxSources)
  const more = sources.length > shown.length ? ', …' : ''
  const list = shown.length ? ` (${shown.join(', ')}${more})` : ''
  return `+${cluster.size - 1} similar${list}`
}
