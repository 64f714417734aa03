import type { Archive } from '../core/archiveApi'
import { groupsFromCsv, groupsToCsv } from '../core/search/nameVariants'
import type { ArchiveApi, Reply } from '../../preload/contract'

type NameVariantApi = Pick<
  ArchiveApi,
  'nameVariants' | 'setNameVariants' | 'importNameVariantsCsv' | 'exportNameVariantsCsv'
>

/** The name-variant editor's calls (arguments already checked by the guards). */
export function nameVariantHandlers(
  archive: Archive,
  reply: <T>(run: () => T | Promise<T>) => Promise<Reply<T>>,
): NameVariantApi {
  return {
    nameVariants: () => reply(() => archive.aliases()),
    setNameVariants: (groups) =>
      reply(async () => {
        await archive.setAliases(groups)
        return archive.aliases()
      }),
    importNameVariantsCsv: (csv, mode) =>
      reply(async () => {
        const read = groupsFromCsv(csv)
        await archive.setAliases(mode === 'replace' ? read : [...archive.aliases(), ...read])
        return archive.aliases()
      }),
    exportNameVariantsCsv: () => reply(() => groupsToCsv(archive.aliases())),
  }
}
