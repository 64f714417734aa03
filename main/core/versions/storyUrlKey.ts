/**
 * The identity of a story's address, so that two captures of one page meet: scheme and host
 * lower-cased, `www.` dropped, default port, fragment and tracking parameters (`utm_*`, `fbclid`,
 * `gclid`…) removed, the other parameters sorted, no trailing slash. Null for what is not an
 * http(s) URL (a file path, `pasted text`).
 */
export function storyUrlKey(url: string | undefined): string | null {
  if (!url) return null
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return null
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null
  const host = u.hostname.toLowerCase().replace(/^www\./, '')
  const params = [...u.searchParams.entries()]
    .filter(([k]) => !TRACKING.test(k))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const query = params.length ? '?' + new URLSearchParams(params).toString() : ''
  const path = u.pathname.replace(/\/+$/, '') || ''
  return `${host}${u.port ? ':' + u.port : ''}${path}${query}`
}

const TRACKING =
  /^(?:utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|ocid|cmpid|ref|ref_src|smid|sr_share|at_medium|at_campaign|CMP|ns_mchannel|ns_campaign|__twitter_impression)$/i
