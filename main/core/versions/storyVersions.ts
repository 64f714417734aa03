import { diffArrays } from 'diff'
import type {
  Article,
  BlobRef,
  Photo,
  StoryVersion,
  VersionContent,
  VersionDiff,
  VersionInfo,
} from '../model'
import { keepPhotoEdits as keepCorrections } from '../photos/editPhoto'

/** The fields of an article that one capture of a story has and another may not. */
export function versionContent(article: Article): VersionContent {
  const content: VersionContent = {
    title: article.title,
    body: article.body,
    photos: article.photos,
  }
  for (const key of VERSION_FIELDS) {
    if (article[key] !== undefined) Object.assign(content, { [key]: article[key] })
  }
  return content
}

const VERSION_FIELDS = [
  'subtitle',
  'byline',
  'dateline',
  'excerpt',
  'publishedAt',
  'snapshot',
  'url',
  'canonicalUrl',
  'source',
  'language',
] as const satisfies readonly (keyof VersionContent)[]

/**
 * The story after a new capture with other content: the fresh content is shown, the content it
 * replaces is kept as the newest earlier version, and what belongs to the story rather than to
 * one capture (id, first archiving date, tags, notes) stays. A photo kept across captions (same
 * image or source) keeps what the user gave it (tags, corrections) unless the capture has it.
 */
export async function addStoryVersion(
  story: Article,
  capture: Article,
  capturedAt: string,
  putBlob: (bytes: Buffer, mime: string) => Promise<BlobRef>,
): Promise<Article> {
  const previous = versionContent(story)
  const blob = await putBlob(Buffer.from(JSON.stringify(previous)), 'application/json')
  const version: StoryVersion = {
    capturedAt: story.capturedAt ?? story.archivedAt,
    title: story.title,
    contentHash: story.contentHash,
    content: blob,
    files: filesOf(previous),
    words: countWords(story.body),
  }
  const tags = [...story.tags]
  for (const t of capture.tags)
    if (!tags.some((s) => s.toLowerCase() === t.toLowerCase())) tags.push(t)
  const next: Article = {
    ...capture,
    id: story.id,
    archivedAt: story.archivedAt,
    capturedAt,
    tags,
    photos: capture.photos.map((p) => keepPhotoEdits(p, story.photos)),
    versions: [...(story.versions ?? []), version],
  }
  if (story.notes !== undefined) next.notes = story.notes
  return next
}

/** The archived files a version shows, each once. */
function filesOf(v: VersionContent): BlobRef[] {
  const refs = new Map<string, BlobRef>()
  for (const p of v.photos) {
    for (const ref of [p.image, p.thumbnail]) if (ref) refs.set(ref.sha256, ref)
  }
  if (v.snapshot) refs.set(v.snapshot.sha256, v.snapshot)
  return [...refs.values()]
}

function keepPhotoEdits(photo: Photo, before: readonly Photo[]): Photo {
  const same = before.find(
    (p) =>
      (photo.image && p.image?.sha256 === photo.image.sha256) || (photo.src && p.src === photo.src),
  )
  // A person's correction of the caption or credit wins over the new capture's parse.
  return same ? keepCorrections({ ...same, ...photo, id: photo.id }, same) : photo
}

/** Every version of a story, oldest first; the last is the one the archive shows. */
export function listVersions(story: Article): VersionInfo[] {
  const earlier = (story.versions ?? []).map((v, i) => ({
    index: i + 1,
    capturedAt: v.capturedAt,
    title: v.title,
    words: v.words,
    current: false,
  }))
  return [
    ...earlier,
    {
      index: earlier.length + 1,
      capturedAt: story.capturedAt ?? story.archivedAt,
      title: story.title,
      words: countWords(story.body),
      current: true,
    },
  ]
}

/** Version `index` (1 = oldest) of a story, its content read from the archive when earlier. */
export async function readVersion(
  story: Article,
  index: number,
  readBlob: (sha256: string) => Promise<Buffer>,
): Promise<VersionContent> {
  const earlier = story.versions ?? []
  if (index === earlier.length + 1) return versionContent(story)
  const version = earlier[index - 1]
  if (!version) throw new RangeError(`version ${index}`)
  return JSON.parse((await readBlob(version.content.sha256)).toString('utf8')) as VersionContent
}

/**
 * A word-level diff of two versions (title, then the body's paragraphs, then the captions):
 * what a reader compares when a story was updated.
 */
export function diffVersionContents(
  from: VersionContent,
  to: VersionContent,
  fromInfo: VersionInfo,
  toInfo: VersionInfo,
): VersionDiff {
  const parts: VersionDiff['parts'] = []
  let added = 0
  let removed = 0
  // Whole words (with their punctuation) and the spaces between them: `6.1` → `6.4` reads as
  // one word changed, as a reader sees it, not as a digit.
  const words = (v: VersionContent) => comparableText(v).split(/(\s+)/)
  for (const change of diffArrays(words(from), words(to))) {
    const kind = change.added ? 'added' : change.removed ? 'removed' : 'same'
    const text = change.value.join('')
    if (kind === 'added') added += countWords([text])
    if (kind === 'removed') removed += countWords([text])
    const last = parts[parts.length - 1]
    if (last && last.change === kind) last.text += text
    else parts.push({ text, change: kind })
  }
  return { from: fromInfo, to: toInfo, parts, added, removed }
}

function comparableText(v: VersionContent): string {
  const captions = v.photos.map((p) => p.caption).filter((c) => c.trim() !== '')
  return [v.title, ...(v.subtitle ? [v.subtitle] : []), ...v.body, ...captions].join('\n\n')
}

export function countWords(paragraphs: readonly string[]): number {
  let n = 0
  for (const p of paragraphs) n += p.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length
  return n
}
