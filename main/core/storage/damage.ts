/**
 * Damage an archive was opened with: what is missing or unreadable, found at open. The rest of
 * the archive opens; what is damaged is refused for writing until `repair` has dealt with it.
 */
export interface StoreDamage {
  kind: 'shard-damaged' | 'shard-missing' | 'settings-missing' | 'settings-damaged'
  /** Absolute path of the file concerned. */
  file: string
  /** The shard key, for shard damage. */
  shard?: string
  /** One sentence: what is wrong. */
  detail: string
}

/** The damage as one line for a message: each file and what is wrong with it. */
export function describeDamage(damage: readonly StoreDamage[]): string {
  return damage.map((d) => `${d.file}: ${d.detail}`).join('; ')
}
