import { resolve } from 'node:path'
import type { Archive } from '../../core/archiveApi'
import { restoreBackup } from '../../core/backup/restoreBackup'
import { describeDamage } from '../../core/storage/damage'
import { formatRepairReport, formatVerifyReport } from '../../core/integrity/verifyReport'
import { openArchive } from '../../core/openArchive'

type Print = (s: string) => void

/** `morgue verify [--json]`: exit 0 when the archive checks clean, 1 when something is damaged. */
export async function verifyCommand(archive: Archive, json: boolean, out: Print): Promise<number> {
  const report = await archive.verify()
  out(json ? JSON.stringify(report, null, 2) : formatVerifyReport(report))
  return report.ok ? 0 : 1
}

/** `morgue repair [--from BACKUP]… [--json]`: exit 0 when the archive checks clean afterwards. */
export async function repairCommand(
  archive: Archive,
  from: string[] | undefined,
  json: boolean,
  out: Print,
): Promise<number> {
  const report = await archive.repair({ backups: (from ?? []).map((b) => resolve(b)) })
  out(json ? JSON.stringify(report, null, 2) : formatRepairReport(report))
  return report.after.ok && report.unrecovered.length === 0 ? 0 : 1
}

/** `morgue backup DEST [--keep N] [--json]`. */
export async function backupCommand(
  archive: Archive,
  dest: string | undefined,
  json: boolean,
  out: Print,
): Promise<number> {
  const report = await archive.backup(dest === undefined ? undefined : resolve(dest))
  if (json) out(JSON.stringify(report, null, 2))
  else {
    out(
      `Backed up ${report.items} item${report.items === 1 ? '' : 's'} to ${report.snapshot} (${report.copied} file${report.copied === 1 ? '' : 's'} copied, ${report.linked} linked from the previous backup).`,
    )
    for (const file of report.damaged) out(`not backed up (damaged): ${file}`)
    for (const old of report.removed) out(`removed old backup ${old}`)
  }
  return report.damaged.length > 0 ? 1 : 0
}

/**
 * `morgue restore BACKUP [--to DIR]`: restore the backup (its newest snapshot) into DIR
 * (default: the archive), then open and check the result.
 */
export async function restoreCommand(
  backup: string,
  to: string,
  json: boolean,
  out: Print,
): Promise<number> {
  const restored = await restoreBackup(resolve(backup), to)
  const archive = await openArchive(to)
  try {
    const check = await archive.verify()
    if (json) out(JSON.stringify({ restored, check }, null, 2))
    else {
      out(
        `Restored the backup of ${restored.createdAt} (${restored.snapshot}) into ${restored.dir}: ${archive.list({ limit: 0 }).total} items.`,
      )
      if (restored.replacedInto) {
        out(`The archive's previous settings and shards were moved to ${restored.replacedInto}.`)
      }
      for (const file of restored.damaged) out(`not restored (damaged in the backup): ${file}`)
      out(formatVerifyReport(check))
    }
    return check.ok && restored.damaged.length === 0 ? 0 : 1
  } finally {
    await archive.close()
  }
}

/** One line on stderr when the archive opened with damage (commands still run on the rest). */
export function warnAboutDamage(archive: Archive, err: Print): void {
  const damage = archive.damage()
  if (damage.length === 0) return
  err(
    `warning: the archive is damaged (${describeDamage(damage)}); run “morgue verify” and “morgue repair”.`,
  )
}
