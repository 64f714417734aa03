/**
 * The archive's data model: types only, shared by the core, the IPC contract and the renderer.
 * Field names follow IPTC Photo Metadata where a photo desk expects them.
 */

/** Item ids are 16 lower-case hex characters (random for new items). */
export type ItemId = string

/** A parsed photo credit such as `DELIL SOULEIMAN / AFP`. */
export interface Credit {
  /** The credit exactly as found (label words and brackets included). */
  raw: string
  /** The person who made the image, in normal capitalisation; several joined with `; `. */
  photographer: string | null
  /** The first organisation named, spelled as in the credit (`AP Photo` → `AP`). */
  agency: string | null
  /** Every organisation in order of appearance, de-duplicated case-insensitively. */
  agencies: string[]
  /** Canonical ids of the known organisations among `agencies` (e.g. `afp`), same order. */
  agencyIds: string[]
  /**
   * Distributors the picture came through, never the agency: `Getty Images` in
   * `Name/AFP via Getty Images`, `AP` in `Photo by Name/Outlet via AP`.
   */
  via?: string[]
  /** The client it was made for: `The New York Times` in `Name for The New York Times`. */
  for?: string | null
  /** The owner's role when it is not an agency's own picture (`Courtesy of…`, `Handout`, `Pool`). */
  role?: 'courtesy' | 'handout' | 'pool' | null
  /** How sure the parse is, 0–1. */
  confidence?: number
  /** The parse is a guess: `credit:uncertain` finds these for a person to check. */
  uncertain?: boolean
}

/** The IPTC/EXIF fields a photo desk cares about, where known. */
export interface PhotoMeta {
  headline?: string
  creator?: string
  creditLine?: string
  source?: string
  copyright?: string
  city?: string
  country?: string
  /** ISO 8601 date or date-time. */
  dateCreated?: string
  keywords?: string[]
  width?: number
  height?: number
}

/** A reference to a file kept inside the archive (content-addressed by sha256). */
export interface BlobRef {
  /** sha256 of the bytes, hex. */
  sha256: string
  mime: string
  bytes: number
  /** The name the file had when it was imported, for display and search. */
  fileName?: string
}

/** A photo: its caption and credit, and where archived, its image. */
export interface Photo {
  /** Unique within its item, e.g. `p0`. */
  id: string
  caption: string
  credit: Credit | null
  /** Where the image came from (URL or file name), if known. */
  src?: string
  image?: BlobRef
  thumbnail?: BlobRef
  meta?: PhotoMeta
  /** Tags of this photo alone (photos inside articles; a standalone photo uses its item's tags). */
  tags?: string[]
  /** Set once a person corrected the caption or credit: these fields win over any re-parse. */
  edited?: PhotoEdit
}

/** The fields of a photo a person can correct. */
export type EditableField = 'caption' | 'photographer' | 'agency' | 'via' | 'for'

/** A person's correction of a photo, kept on the photo so that it sticks. */
export interface PhotoEdit {
  /** ISO 8601, the last correction. */
  at: string
  /** The fields set by hand, in the order first corrected. */
  fields: EditableField[]
  /** The caption and credit as imported, before the first correction. */
  original: { caption: string; credit: Credit | null }
}

/**
 * A photo as a record of its own, addressed by its ref: `ARTICLE/p0` for a photo inside an
 * article, the item id for a standalone photo.
 */
export interface PhotoRecord {
  ref: string
  itemId: ItemId
  kind: 'article-photo' | 'photo'
  photo: Photo
  /** The photo's own tags (a standalone photo's are its item's). */
  tags: string[]
  /** The article's title, or the standalone photo's. */
  title: string
  source?: string
  publishedAt?: string
  /** Tags of the article the photo is in. */
  articleTags?: string[]
  url?: string
}

/** A correction of a photo: only the fields given change; `null` or `''` clears one. */
export interface PhotoPatch {
  caption?: string
  photographers?: string[]
  agency?: string | null
  via?: string[]
  for?: string | null
}

/** How "Copy with credit" and the CSV write a credit line. */
export type CreditStyleName =
  'ap' | 'reuters' | 'afp' | 'guardian' | 'german' | 'plain' | 'template'

export interface CreditStyleSetting {
  style: CreditStyleName
  /** The user's template, kept while another style is chosen: `{caption} ({photographer}/{agency})`. */
  template: string
}

/** An image an item refers to that is not in the archive, and why (for "Retry missing images"). */
export interface MissingImage {
  /** The address or path as the item names it. */
  url: string
  reason: string
}

/** How an item entered the archive. */
export interface Origin {
  kind: 'text' | 'markdown' | 'html' | 'url' | 'image' | 'feed' | 'json'
  /** File path or URL it was imported from. */
  path?: string
}

interface ItemBase {
  id: ItemId
  title: string
  /** Tag display names, in the order added; identity is `tagKey()`. */
  tags: string[]
  /** ISO 8601, when it entered the archive. */
  archivedAt: string
  /** ISO 8601 date or date-time, when it was published or taken. */
  publishedAt?: string
  /** sha256 of the normalised content: re-importing the same content is a duplicate. */
  contentHash: string
  notes?: string
  origin?: Origin
  /** The outlet: `AFP`, `The Guardian`… */
  source?: string
  language?: string
  /** Tags a tagging rule added: tag key (`tagKey`) → the rule's id. Absent: all added by hand. */
  ruleTags?: Record<string, string>
  /** Tag keys the user removed after a rule added them: no rule adds them to this item again. */
  declinedRuleTags?: string[]
}

export interface Article extends ItemBase {
  kind: 'article'
  subtitle?: string
  url?: string
  canonicalUrl?: string
  byline?: string
  dateline?: string
  excerpt?: string
  /** The body as paragraphs of plain text. */
  body: string[]
  photos: Photo[]
  /** A sanitised HTML snapshot of the original page (no script, no remote loads). */
  snapshot?: BlobRef
  /** Images of the photos or snapshot that could not be archived. */
  missingImages?: MissingImage[]
  /** When this version of the story was captured (absent: at `archivedAt`). */
  capturedAt?: string
  /** Earlier captures of the same URL whose content differed, oldest first. */
  versions?: StoryVersion[]
}

/**
 * An earlier capture of a story: the page at the same URL had other content then. Its content
 * (title, body, photos…) is one content-addressed JSON blob, read only to show or compare it.
 */
export interface StoryVersion {
  capturedAt: string
  title: string
  contentHash: string
  /** The version's content blob (`VersionContent` as JSON). */
  content: BlobRef
  /** The archived files that version shows (its photos' images, its page snapshot). */
  files: BlobRef[]
  /** Words in its body, to say what changed at a glance. */
  words: number
}

/** What a story version keeps: the fields that make one capture differ from another. */
export type VersionContent = Pick<
  Article,
  | 'title'
  | 'subtitle'
  | 'byline'
  | 'dateline'
  | 'excerpt'
  | 'body'
  | 'photos'
  | 'publishedAt'
  | 'snapshot'
  | 'url'
  | 'canonicalUrl'
  | 'source'
  | 'language'
>

/** One version as listed: index 1 is the oldest, the highest the one the archive shows. */
export interface VersionInfo {
  index: number
  capturedAt: string
  title: string
  words: number
  current: boolean
}

/** A word-level comparison of two versions. */
export interface VersionDiff {
  from: VersionInfo
  to: VersionInfo
  /** Runs of text: kept, added in `to`, or removed from `from`. Paragraphs end in `\n\n`. */
  parts: { text: string; change: 'same' | 'added' | 'removed' }[]
  added: number
  removed: number
}

/** A photo that stands alone (an imported image file). */
export interface PhotoItem extends ItemBase {
  kind: 'photo'
  photo: Photo
}

export type ArchiveItem = Article | PhotoItem

/**
 * What an importer produces: an item without the fields the archive assigns. `id` and
 * `archivedAt` are kept only when re-importing our own lossless export.
 */
type DraftOf<T extends ArchiveItem> = Omit<T, 'id' | 'archivedAt' | 'contentHash' | 'tags'> & {
  tags?: string[]
  id?: ItemId
  archivedAt?: string
}
export type ArticleDraft = DraftOf<Article>
export type PhotoDraft = DraftOf<PhotoItem>
export type ItemDraft = ArticleDraft | PhotoDraft

/** A short view of an item for lists (no body). */
export interface ItemSummary {
  id: ItemId
  kind: ArchiveItem['kind']
  title: string
  source?: string
  publishedAt?: string
  archivedAt: string
  tags: string[]
  photoCount: number
  /** Tags of the photos inside an article, one entry per tagged photo and tag (for counts). */
  photoTags?: string[]
  /** The first photo's thumbnail, if any. */
  thumbnail?: BlobRef
  /** The story's URL, normalised (`storyUrlKey`): a new capture of it becomes a version. */
  url?: string
  /** How many versions the story has, when more than one. */
  versionCount?: number
  /** As on the item: tags a rule added (tag key → rule id) and those the user declined. */
  ruleTags?: Record<string, string>
  declinedRuleTags?: string[]
}

export interface TagInfo {
  /** Display name (case as first written). */
  name: string
  /** Items and photos inside articles that carry it. */
  count: number
  /** How many of `count` are photos inside articles (absent when none). */
  photos?: number
  /** CSS colour, e.g. `#c0392b`. */
  color?: string
}

/** A tag the archive still knows (its colour, or it was on items once) but no item carries. */
export interface UnusedTag {
  /** Display name (the tag key when only its colour is left). */
  name: string
  color?: string
  /** Why the archive knows it: it has a colour; it was taken off its last item. */
  reasons: ('color' | 'emptied')[]
}

/** A tag deleted everywhere, with what `restoreTag` needs to put it back exactly. */
export interface DeletedTag {
  tag: string
  /** The items and photos (`ITEM/p0`) that carried it. */
  refs: ItemId[]
  color?: string
}

export interface SavedSearch {
  name: string
  query: string
}

/** The outcome of importing one file or text. */
export interface ImportOutcome {
  /** File path, URL or a label such as `pasted text`. */
  source: string
  status: 'imported' | 'duplicate' | 'failed'
  /** Ids of the items imported (or the existing item for a duplicate). */
  ids: ItemId[]
  /** Why it failed, in one sentence a user understands. */
  reason?: string
  /** Images the imported items refer to that could not be archived. */
  missingImages?: MissingImage[]
  /** The capture updated an archived story: the number of its new version. */
  version?: number
}

export interface ImportReport {
  imported: number
  duplicates: number
  failed: number
  cancelled: boolean
  outcomes: ImportOutcome[]
}

/** What "Retry missing images" did for one item. */
export interface MissingImagesOutcome {
  id: ItemId
  title: string
  /** Images kept this time. */
  fetched: number
  /** Still missing, with the reason of this try. */
  missing: MissingImage[]
}

export interface MissingImagesReport {
  /** Items that lacked images and were tried. */
  items: number
  fetched: number
  missing: number
  outcomes: MissingImagesOutcome[]
}

export interface ImportProgress {
  done: number
  total: number
  current?: string
  /** Images fetched for the import so far (archived or failed) out of those found. */
  images?: { done: number; failed: number; total: number }
}

export interface ArchiveStats {
  articles: number
  photos: number
  standalonePhotos: number
  tags: number
  blobs: number
  bytesOnDisk: number
}

/** A feed the user subscribed to: its new entries are archived as full articles. */
export interface FeedSubscription {
  /** Short stable id (hex), for the CLI and the UI. */
  id: string
  /** The feed's own address (after discovery from a web page). */
  url: string
  title: string
  /** The web site the feed belongs to. */
  siteUrl?: string
  addedAt: string
  /** Last time a refresh was attempted, and last time it worked. */
  checkedAt?: string
  okAt?: string
  /** Conditional-request validators of the last answer. */
  etag?: string
  lastModified?: string
  /** Why the last refresh failed, for the user; cleared by a success. */
  error?: string
  /** Refreshes failed in a row: the next one waits longer (backoff). */
  failures: number
  /** Not before this time (ISO), after failures. */
  retryAt?: string
  /** Keys (link or id) of the entries already archived, newest last, bounded. */
  seen: string[]
  /** Items archived from it and not opened yet. */
  unread: ItemId[]
  /** Every item archived from it. */
  items: ItemId[]
}

/** What one refresh of one feed did. */
export interface FeedRefreshOutcome {
  feed: string
  title: string
  status: 'updated' | 'unchanged' | 'failed' | 'skipped'
  /** Articles archived (new entries and new versions of updated ones). */
  archived: number
  reason?: string
}

/** A page as the user's browser showed it, sent by the browser button or the bookmarklet. */
export interface PageCapture {
  url: string
  title?: string
  /** The rendered document (`document.documentElement.outerHTML`): pages behind a login too. */
  html: string
  /** The text the user had selected, if any. */
  selection?: string
}
