import { canonicalJson } from './fingerprint'

/**
 * Settings that belong to one desktop and never sync: the browser pairing token, the backup
 * folder and feed subscriptions (every desktop fetching the same feeds would archive each
 * story twice).
 */
const LOCAL_ONLY = new Set(['captureToken', 'backup', 'feeds', 'feedRefreshMinutes'])

/** Whether a settings key goes to the desk (every key does unless it is per desktop). */
export function isSyncedSetting(key: string): boolean {
  return !LOCAL_ONLY.has(key) && !key.startsWith('sync')
}

/**
 * Merge two concurrent values of one setting: `winner` was written last. Tag colours merge by
 * tag, saved searches by name (the winner's query for a name both have); any other key: the
 * winner's value. `lost` says whether something of the loser's is not in the result.
 */
export function mergeSettingValues(
  key: string,
  winner: unknown,
  loser: unknown,
): { value: unknown; lost: boolean } {
  let value: unknown = winner
  if (key === 'tagColors' && isRecord(winner) && isRecord(loser)) {
    value = { ...loser, ...winner }
  } else if (key === 'savedSearches' && Array.isArray(winner) && Array.isArray(loser)) {
    const names = new Set(winner.map((s: { name?: string }) => s?.name))
    value = [...winner, ...loser.filter((s: { name?: string }) => !names.has(s?.name))]
  }
  const lost = !containsAll(value, loser, key)
  return { value, lost }
}

function containsAll(merged: unknown, loser: unknown, key: string): boolean {
  if (key === 'tagColors' && isRecord(merged) && isRecord(loser))
    return Object.entries(loser).every(([k, v]) => merged[k] === v)
  if (key === 'savedSearches' && Array.isArray(merged) && Array.isArray(loser)) {
    const have = new Set(merged.map((s) => canonicalJson(s)))
    return loser.every((s) => have.has(canonicalJson(s)))
  }
  return canonicalJson(merged) === canonicalJson(loser)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object' && !Array.isArray(v)
}
