import type { Archive } from '../archiveApi'
import { parseCredit } from '../credits'
import type { ArchiveContext } from './context'

export type PhotoMethods = Pick<
  Archive,
  'photo' | 'editPhoto' | 'reparseCredits' | 'creditStyle' | 'setCreditStyle'
>

/** Photos and credits by ref: the photo desk (photos/photoDesk.ts) behind the Archive API. */
export function createPhotoMethods(ctx: ArchiveContext): PhotoMethods {
  const { photoDesk } = ctx
  return {
    photo: (ref) => photoDesk.photo(ref),
    editPhoto: (ref, patch) => photoDesk.editPhoto(ref, patch),
    reparseCredits: () => photoDesk.reparseCredits(parseCredit),
    creditStyle: () => photoDesk.creditStyle(),
    setCreditStyle: (setting) => photoDesk.setCreditStyle(setting),
  }
}
