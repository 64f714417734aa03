import type { Credit } from '../../../main/core/model'

/**
 * A credit as a photo desk reads it: `Delil Souleiman / AFP` (photographer / agency); only
 * the part that is known otherwise, and the raw text when the parse found neither.
 */
export function formatCredit(credit: Credit | null | undefined): string {
  if (!credit) return ''
  const parts = [credit.photographer, credit.agency].filter((p): p is string => Boolean(p))
  return parts.length > 0 ? parts.join(' / ') : credit.raw
}

/** `2024-03-05T…` → `5 Mar 2024`; empty for a missing or unreadable date. */
export function formatDate(iso: string | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' })
}

/** 1234567 → `1.2 MB`. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`
  const units = ['KB', 'MB', 'GB', 'TB']
  let v = n / 1024
  let i = 0
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024
    i++
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`
}

/** Quote a filter value when it holds spaces or quotes: `agency:"Getty Images"`. */
export function filterTerm(field: string, value: string): string {
  const plain = /^[^\s"():]+$/.test(value)
  return `${field}:${plain ? value : `"${value.replace(/"/g, '')}"`}`
}

/** `n item(s)` with the right plural. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`
}
