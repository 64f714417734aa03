import { z } from 'zod'
import type { ArchiveApi } from '../../preload/contract'
import { MAX_GROUPS, MAX_NAME_LENGTH, MAX_NAMES } from '../core/search/nameVariants'
import { ruleGuards } from './ruleGuards'
import { syncGuards } from './syncGuards'

/**
 * Argument checks for every bridge method, run in main before a handler sees the arguments
 * (both over IPC and over the loopback transport). Each guard takes the raw argument list and
 * returns it typed, or throws `GuardError` naming the method: a bad argument is a bug in the
 * caller, never an expected failure.
 */
export type Guards = { [M in keyof ArchiveApi]: (raw: unknown[]) => Parameters<ArchiveApi[M]> }

/** Thrown when a caller sends arguments the contract does not allow. */
export class GuardError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'GuardError'
  }
}

// Limits keep one call from asking main for unbounded work or memory.
/** The engine searches the first 2,000 characters and says so; longer input is refused here. */
const MAX_QUERY = 20_000
/** Tags are refused past MAX_TAG_LENGTH (200) by the core with a clear sentence; this is the wire's bound. */
const MAX_TAG = 200
const MAX_IDS = 100_000
const MAX_PASTE = 20 * 1024 * 1024
const MAX_PATHS = 1000
/** A vocabulary term (a tag path) and a keyword list file (50 MB, as base64). */
const MAX_TERM = 800
const MAX_VOCABULARY_BASE64 = Math.ceil((50 * 1024 * 1024) / 3) * 4

const itemId = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/)
const tag = z
  .string()
  .min(1)
  .max(MAX_TAG * 4)
const name = z.string().min(1).max(200)
const versionNumber = z.number().int().min(1).max(100_000)
const feedRef = z.string().min(1).max(4096)
const ids = z.array(itemId).min(1).max(MAX_IDS)
/** An item id, or a photo inside an article: `ARTICLE/p0`. */
const ref = z.string().regex(/^[0-9A-Za-z_-]{1,64}(\/[0-9A-Za-z_-]{1,64})?$/)
const refs = z.array(ref).min(1).max(MAX_IDS)
const creditName = z.string().max(200)
const photoPatch = z
  .object({
    caption: z.string().max(20_000).optional(),
    photographers: z.array(creditName).max(20).optional(),
    agency: z.union([creditName, z.null()]).optional(),
    via: z.array(creditName).max(20).optional(),
    for: z.union([creditName, z.null()]).optional(),
  })
  .strict()
const optionalName = z.union([creditName, z.null()])
const creditLineSource = z.object({
  caption: z.string().max(20_000),
  credit: z.union([
    z.object({
      raw: z.string().max(2000),
      photographer: optionalName,
      agency: optionalName,
      agencies: z.array(creditName).max(50),
      agencyIds: z.array(creditName).max(50),
      via: z.array(creditName).max(20).optional(),
      for: optionalName.optional(),
      role: z.union([z.enum(['courtesy', 'handout', 'pool']), z.null()]).optional(),
      confidence: z.number().min(0).max(1).optional(),
      uncertain: z.boolean().optional(),
    }),
    z.null(),
  ]),
  date: z.string().max(40).optional(),
})
const creditStyle = z
  .object({
    style: z.enum(['ap', 'reuters', 'afp', 'guardian', 'german', 'plain', 'template']),
    template: z.string().max(500),
  })
  .strict()
const tagList = z.array(tag).min(1).max(100)
const httpUrl = z
  .string()
  .max(4096)
  .refine((u) => {
    try {
      const p = new URL(u).protocol
      return p === 'http:' || p === 'https:'
    } catch {
      return false
    }
  }, 'must be an http(s) URL')

const searchOptions = z
  .object({
    limit: z.number().int().min(1).max(200).optional(),
    offset: z.number().int().min(0).max(1_000_000).optional(),
    sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
    facets: z.boolean().optional(),
    collapse: z.boolean().optional(),
    typos: z.boolean().optional(),
  })
  .strict()
  .optional()

const MAX_CSV = 2 * 1024 * 1024
const nameGroups = z.array(z.array(z.string().max(MAX_NAME_LENGTH)).max(MAX_NAMES)).max(MAX_GROUPS)

const listOptions = z
  .object({
    offset: z.number().int().min(0).max(10_000_000).optional(),
    limit: z.number().int().min(0).max(1000).optional(),
    sort: z.enum(['newest', 'oldest', 'title']).optional(),
    tag: tag.optional(),
    feed: feedRef.optional(),
  })
  .strict()
  .optional()

/** Build a guard from a zod tuple; the tuple is the single description of the arguments. */
function args<T extends z.ZodTuple>(method: keyof ArchiveApi, schema: T) {
  return (raw: unknown[]): z.infer<T> => {
    const parsed = schema.safeParse(raw)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      const where = issue?.path.length ? ` (argument ${issue.path.join('.')})` : ''
      throw new GuardError(`${method}: invalid arguments${where}: ${issue?.message ?? 'rejected'}`)
    }
    return parsed.data
  }
}

/** The guards of every method; `Guards` makes a missing one a compile error. */
export const guards: Guards = {
  ...ruleGuards(args),
  search: args('search', z.tuple([z.string().max(MAX_QUERY), searchOptions])),
  similar: args('similar', z.tuple([itemId])),
  get: args('get', z.tuple([itemId])),
  list: args('list', z.tuple([listOptions])),
  stats: args('stats', z.tuple([])),
  feeds: args('feeds', z.tuple([])),
  subscribe: args('subscribe', z.tuple([httpUrl])),
  unsubscribe: args('unsubscribe', z.tuple([feedRef])),
  refreshFeeds: args('refreshFeeds', z.tuple([feedRef.optional()])),
  markRead: args('markRead', z.tuple([ids])),
  setFeedRefreshMinutes: args(
    'setFeedRefreshMinutes',
    z.tuple([
      z
        .number()
        .int()
        .min(0)
        .max(7 * 24 * 60),
    ]),
  ),
  importOpml: args('importOpml', z.tuple([z.string().min(1).max(MAX_PASTE)])),
  exportOpml: args('exportOpml', z.tuple([])),
  captureInfo: args('captureInfo', z.tuple([])),
  renewCaptureToken: args('renewCaptureToken', z.tuple([])),
  versions: args('versions', z.tuple([itemId])),
  readVersion: args('readVersion', z.tuple([itemId, versionNumber])),
  diffVersions: args(
    'diffVersions',
    z.tuple([itemId, versionNumber.optional(), versionNumber.optional()]),
  ),
  tags: args('tags', z.tuple([])),
  addTags: args('addTags', z.tuple([refs, tagList])),
  removeTags: args('removeTags', z.tuple([refs, tagList])),
  setTags: args('setTags', z.tuple([ref, z.array(tag).max(100)])),
  renameTag: args('renameTag', z.tuple([tag, tag])),
  mergeTags: args('mergeTags', z.tuple([tagList, tag])),
  deleteTag: args('deleteTag', z.tuple([tag])),
  restoreTag: args('restoreTag', z.tuple([z.string().regex(/^[0-9a-f]{32}$/)])),
  unusedTags: args('unusedTags', z.tuple([])),
  deleteUnusedTags: args('deleteUnusedTags', z.tuple([z.array(tag).min(1).max(10_000).optional()])),
  tagTree: args('tagTree', z.tuple([])),
  bulkTag: args(
    'bulkTag',
    z.tuple([
      z
        .object({
          refs: refs.optional(),
          query: z.string().max(MAX_QUERY).optional(),
          add: z.array(tag).max(100).optional(),
          remove: z.array(tag).max(100).optional(),
        })
        .strict()
        .refine((r) => (r.refs === undefined) !== (r.query === undefined), 'refs or query'),
    ]),
  ),
  undoBulkTag: args('undoBulkTag', z.tuple([z.string().regex(/^[0-9a-f]{32}$/)])),
  cancelBulkTag: args('cancelBulkTag', z.tuple([])),
  setTagColor: args(
    'setTagColor',
    z.tuple([tag, z.union([z.string().regex(/^#[0-9a-fA-F]{6}$/), z.null()])]),
  ),
  getPhoto: args('getPhoto', z.tuple([ref])),
  editPhoto: args('editPhoto', z.tuple([ref, photoPatch])),
  creditStyle: args('creditStyle', z.tuple([])),
  setCreditStyle: args('setCreditStyle', z.tuple([creditStyle])),
  formatCreditLine: args('formatCreditLine', z.tuple([creditLineSource, creditStyle.optional()])),
  deleteItems: args('deleteItems', z.tuple([ids])),
  restoreItems: args('restoreItems', z.tuple([z.string().regex(/^[0-9a-f]{32}$/)])),
  savedSearches: args('savedSearches', z.tuple([])),
  saveSearch: args(
    'saveSearch',
    z.tuple([z.object({ name, query: z.string().max(MAX_QUERY) }).strict()]),
  ),
  deleteSavedSearch: args('deleteSavedSearch', z.tuple([name])),
  completeField: args(
    'completeField',
    z.tuple([z.enum(['tag', 'photographer', 'agency', 'source']), z.string().max(200)]),
  ),
  nameVariants: args('nameVariants', z.tuple([])),
  setNameVariants: args('setNameVariants', z.tuple([nameGroups])),
  importNameVariantsCsv: args(
    'importNameVariantsCsv',
    z.tuple([z.string().max(MAX_CSV), z.enum(['merge', 'replace'])]),
  ),
  exportNameVariantsCsv: args('exportNameVariantsCsv', z.tuple([])),
  suggest: args('suggest', z.tuple([itemId])),
  rejectSuggestion: args('rejectSuggestion', z.tuple([itemId, z.string().min(1).max(MAX_TERM)])),
  unrejectSuggestion: args(
    'unrejectSuggestion',
    z.tuple([itemId, z.string().min(1).max(MAX_TERM)]),
  ),
  vocabularyLists: args('vocabularyLists', z.tuple([])),
  importVocabulary: args(
    'importVocabulary',
    z.tuple([
      z.string().min(1).max(500),
      z
        .string()
        .min(1)
        .max(MAX_VOCABULARY_BASE64)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/),
      z
        .string()
        .regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/)
        .optional(),
    ]),
  ),
  removeVocabulary: args('removeVocabulary', z.tuple([z.string().min(1).max(500)])),
  listAgencies: args('listAgencies', z.tuple([])),
  addAgency: args(
    'addAgency',
    z.tuple([
      z
        .object({ name: z.string().min(1).max(100), aliases: z.array(z.string().max(100)).max(50) })
        .strict(),
    ]),
  ),
  removeAgency: args('removeAgency', z.tuple([z.string().min(1).max(100)])),
  importFiles: args('importFiles', z.tuple([])),
  importPaths: args(
    'importPaths',
    z.tuple([z.array(z.string().min(1).max(4096)).min(1).max(MAX_PATHS)]),
  ),
  importText: args(
    'importText',
    z.tuple([z.string().min(1).max(MAX_PASTE), z.string().min(1).max(500).optional()]),
  ),
  importUrl: args('importUrl', z.tuple([httpUrl])),
  fetchMissingImages: args('fetchMissingImages', z.tuple([ids.optional()])),
  cancelImport: args('cancelImport', z.tuple([])),
  openExternal: args('openExternal', z.tuple([httpUrl])),
  archiveDamage: args('archiveDamage', z.tuple([])),
  checkArchive: args('checkArchive', z.tuple([])),
  repairArchive: args('repairArchive', z.tuple([])),
  backupNow: args('backupNow', z.tuple([])),
  backupSettings: args('backupSettings', z.tuple([])),
  setBackupSettings: args(
    'setBackupSettings',
    z.tuple([
      z.union([
        z
          .object({
            folder: z
              .string()
              .min(1)
              .max(4096)
              .refine(
                (p) => /^([A-Za-z]:[\\/]|[\\/])/.test(p) && !p.includes('\0'),
                'must be an absolute path',
              ),
            intervalHours: z
              .number()
              .min(0)
              .max(24 * 365),
            keep: z.number().int().min(1).max(1000),
          })
          .strict(),
        z.null(),
      ]),
    ]),
  ),
  ...syncGuards(args),
}
