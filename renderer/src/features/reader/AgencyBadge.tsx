import { useEffect, useState } from 'react'
import type { AgencyEntry } from '../../../../preload/contract'
import type { Credit } from '../../../../main/core/model'
import { archive, unwrap } from '../../api'
import { agencyCandidates, agencyLabel } from './agencyLabels'

let cached: Promise<AgencyEntry[]> | null = null

/** The agency table, fetched once and again after a settings change (an agency added). */
function useAgencyTable(): AgencyEntry[] {
  const [table, setTable] = useState<AgencyEntry[]>([])
  useEffect(() => {
    let live = true
    const load = () => {
      cached ??= unwrap(archive.listAgencies())
      cached.then((t) => live && setTable(t)).catch(() => live && setTable([]))
    }
    load()
    const off = archive.onChanged((change) => {
      if (change.kind !== 'settings') return
      cached = null
      load()
    })
    return () => {
      live = false
      off()
    }
  }, [])
  return table
}

/**
 * Beside a photo's credit: the agency as printed with its canonical name (`EPA-EFE (EPA)`), the
 * distributor and client, and "Always read «X» as an agency", which adds X to the archive's
 * agency table (every credit is read again).
 */
export function AgencyBadge({
  credit,
  onFailure,
}: {
  credit: Credit | null
  onFailure: (message: string) => void
}) {
  const table = useAgencyTable()
  const [busy, setBusy] = useState<string | null>(null)
  if (!credit) return null
  const canonical = credit.agencyIds[0]
    ? (table.find((a) => a.id === credit.agencyIds[0])?.name ?? null)
    : null
  const candidates = agencyCandidates(
    credit,
    table.map((a) => a.id),
  )
  const add = (name: string) => {
    setBusy(name)
    unwrap(archive.addAgency({ name, aliases: [] }))
      .catch((err: unknown) => onFailure(err instanceof Error ? err.message : String(err)))
      .finally(() => setBusy(null))
  }
  return (
    <span className="agency-badge" data-testid="agency-badge">
      {credit.agency && (
        <span
          className="agency-name"
          data-testid="agency-name"
          title="Agency as printed (canonical)"
        >
          {agencyLabel(credit.agency, canonical)}
        </span>
      )}
      {credit.via && credit.via.length > 0 && (
        <span className="muted small"> via {credit.via.join(', ')}</span>
      )}
      {credit.for && credit.for !== credit.agency && (
        <span className="muted small"> for {credit.for}</span>
      )}
      {credit.uncertain && (
        <span className="credit-uncertain small" title="The credit parse is a guess: check it">
          {' '}
          uncertain
        </span>
      )}
      {candidates.map((name) => (
        <button
          key={name}
          type="button"
          className="link-button small"
          disabled={busy !== null}
          onClick={() => add(name)}
          data-testid="read-as-agency"
        >
          Always read «{name}» as an agency
        </button>
      ))}
    </span>
  )
}
