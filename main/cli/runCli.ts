import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { parseArgs } from 'node:util'
import { ArchiveError } from '../core/archive'
import type { Archive } from '../core/archiveApi'
import { parseCredit, splitCaptionCredit } from '../core/credits'
import { itemToHtml } from '../core/export'
import { isItemId } from '../core/ids'
import { defaultImporters } from '../core/importers'
import { ImportError, type ImportContext } from '../core/importers/importer'
import type { ArchiveItem, ImportReport, ItemDraft } from '../core/model'
import { openArchive } from '../core/openArchive'
import { writeFileDurably } from '../core/storage/durableFile'
import { openArchiveReadOnly, ReadOnlyArchiveError } from '../core/openReadOnly'
import { ArchiveLockedError } from '../core/storage/itemStore'
import { BackupError } from '../core/backup/createBackup'
import { defaultArchiveDir } from '../platform/paths'
import { NameVariantError } from '../core/search/nameVariants'
import { aliasCommand } from './aliasCommand'
import { conflictsCommand, syncCommand } from './commands/syncCommands'
import { SyncError } from '../core/sync/syncError'
import { suggestCommand, vocabularyCommand } from './suggestCommands'
import { changeAgency, listAgencies } from './agencyCommands'
import { listRules, ruleCommand } from './ruleCommands'
import { COMMANDS, commandHelp, generalHelp } from './commands'
import { exportCommand } from './commands/exportCommand'
import {
  deleteTagCommand,
  savedCommand,
  tagColorCommand,
  unusedTagsCommand,
} from './commands/tagTidyCommands'
import {
  backupCommand,
  repairCommand,
  restoreCommand,
  verifyCommand,
  warnAboutDamage,
} from './commands/maintenanceCommands'
import {
  formatDiff,
  formatFeeds,
  formatRefresh,
  formatItem,
  formatMissingImages,
  formatReport,
  formatSearch,
  formatStats,
  formatTags,
  formatVersions,
} from './format'
import { formatSimilar } from './formatSimilar'
import { bulkTagCommand, formatTagTree } from './tagTreeCommands'
import {
  creditCommand,
  creditLineCommand,
  creditStyleCommand,
  formatPhoto,
  isPhotoRefArg,
  mustGetPhoto,
  PhotoUsageError,
} from './photoCommands'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  stdin: NodeJS.ReadableStream
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
class UsageError extends Error {}

const OPTIONS = {
  archive: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  tag: { type: 'string', multiple: true },
  alias: { type: 'string', multiple: true },
  limit: { type: 'string' },
  sort: { type: 'string' },
  into: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  'no-blobs': { type: 'boolean' },
  photographer: { type: 'string', multiple: true },
  agency: { type: 'string' },
  via: { type: 'string', multiple: true },
  for: { type: 'string' },
  caption: { type: 'string' },
  style: { type: 'string' },
  create: { type: 'boolean' },
  from: { type: 'string', multiple: true },
  to: { type: 'string' },
  opml: { type: 'boolean' },
  unused: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  yes: { type: 'boolean' },
  disabled: { type: 'boolean' },
  remote: { type: 'string' },
  user: { type: 'string' },
  once: { type: 'boolean' },
  live: { type: 'boolean' },
  name: { type: 'string' },
  lang: { type: 'string' },
  query: { type: 'string' },
  tree: { type: 'boolean' },
} as const

type Values = ReturnType<typeof parse>['values']

function parse(argv: string[]) {
  return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
}

/**
 * Run the CLI with `argv` (without node and script). Returns the exit code: 0 success, 1 a
 * failure the user can act on (locked archive, failed import), 2 a usage mistake.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s.endsWith('\n') ? s : s + '\n')
  const err = (s: string) => io.stderr.write(`morgue: ${s}\n`)
  let parsed
  try {
    parsed = parse(argv)
  } catch (e) {
    err(`${(e as Error).message.split('\n')[0]} (see morgue --help)`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...args] = positionals
  if (values.version) {
    out(await version())
    return 0
  }
  if (!command) {
    out(generalHelp(defaultArchiveDir()))
    return values.help ? 0 : 2
  }
  if (!(command in COMMANDS)) {
    err(`unknown command “${command}” (see morgue --help)`)
    return 2
  }
  if (values.help) {
    out(commandHelp(command))
    return 0
  }

  try {
    if (command === 'parse-credit') return await parseCreditLines(io, out)
    if (command === 'extract') return await extract(args, values, out)
    const dir = resolve(values.archive ?? defaultArchiveDir())
    if (command === 'restore') {
      need(args.length === 1, 'give the backup folder')
      return await restoreCommand(args[0], resolve(values.to ?? dir), !!values.json, out)
    }
    // A mistyped --archive must not quietly start a new, empty archive.
    if (values.archive !== undefined && !values.create && !existsSync(dir)) {
      err(`there is no archive at ${dir}; give --create to make a new one there`)
      return 1
    }
    const archive = await openForCommand(isReading(command, args, values), dir, err)
    try {
      if (command !== 'verify' && command !== 'repair') warnAboutDamage(archive, err)
      return await run(command, args, values, archive, { out, err, io })
    } finally {
      await archive.close()
    }
  } catch (e) {
    // The reader of our output went away (`| head`): nothing more to say, and no one to say it to.
    if ((e as NodeJS.ErrnoException)?.code === 'EPIPE') return 0
    if (e instanceof UsageError || e instanceof PhotoUsageError) {
      err(`${e.message} (usage: morgue ${COMMANDS[command].usage})`)
      return 2
    }
    if (
      e instanceof ArchiveLockedError ||
      e instanceof ArchiveError ||
      e instanceof ImportError ||
      e instanceof NameVariantError ||
      e instanceof BackupError ||
      e instanceof SyncError ||
      e instanceof ReadOnlyArchiveError
    ) {
      err(e.message)
      return 1
    }
    err(e instanceof Error ? e.message : String(e))
    return 1
  }
}

/** Commands that only read: they run on a read-only view while the app has the archive open. */
const READING = new Set([
  'list',
  'show',
  'search',
  'tags',
  'stats',
  'export',
  'verify',
  'suggest',
  'rules',
])

/** Reading forms of writing commands: `saved list`, `delete-tag --dry-run`. */
function isReading(command: string, args: string[], values: Values): boolean {
  if (command === 'saved') return args[0] === 'list'
  if (command === 'delete-tag') return !!values['dry-run']
  return READING.has(command)
}

async function openForCommand(reading: boolean, dir: string, err: (s: string) => void) {
  try {
    return await openArchive(dir)
  } catch (e) {
    if (!(e instanceof ArchiveLockedError) || !reading) throw e
    err('the archive is open in the Morgue app: reading it as it is on disk (read-only).')
    return openArchiveReadOnly(dir)
  }
}

async function run(
  command: string,
  args: string[],
  values: Values,
  archive: Archive,
  { out, err, io }: { out: (s: string) => void; err: (s: string) => void; io: CliIo },
): Promise<number> {
  switch (command) {
    case 'import': {
      need(args.length > 0, 'give at least one file or folder')
      const report = await archive.importPaths(
        args.map((a) => resolve(a)),
        { tags: values.tag },
      )
      out(values.json ? JSON.stringify(report, null, 2) : formatReport(report))
      return reportCode(report)
    }
    case 'import-url': {
      need(args.length === 1, 'give one URL')
      const report = await archive.importUrl(args[0])
      out(values.json ? JSON.stringify(report, null, 2) : formatReport(report))
      return reportCode(report)
    }
    case 'list': {
      const sort = oneOf(values.sort, ['newest', 'oldest', 'title'] as const, 'newest')
      const limit = values.limit === undefined ? undefined : positiveInt(values.limit)
      const { total, items } = archive.list({ tag: values.tag?.[0], sort, limit })
      if (values.json) out(JSON.stringify({ total, items }, null, 2))
      else {
        for (const s of items) {
          const date = (s.publishedAt ?? s.archivedAt).slice(0, 10)
          const tags = s.tags.length ? `  [${s.tags.join(', ')}]` : ''
          out(`${s.id}  ${date}  ${s.kind === 'photo' ? '(photo) ' : ''}${s.title}${tags}`)
        }
        out(`${items.length} of ${total} item${total === 1 ? '' : 's'}`)
      }
      return 0
    }
    case 'show': {
      if (isPhotoRefArg(args[0])) {
        const photo = await mustGetPhoto(archive, args[0])
        out(values.json ? JSON.stringify(photo, null, 2) : formatPhoto(photo))
        return 0
      }
      const item = await mustGet(archive, args[0])
      out(values.json ? JSON.stringify(item, null, 2) : formatItem(item))
      return 0
    }
    case 'subscribe': {
      need(args.length === 1, 'give one feed or page URL')
      const { feed, refresh } = await archive.subscribe(args[0])
      if (values.json) out(JSON.stringify({ feed, refresh }, null, 2))
      else out(`Subscribed to ${feed.title} (${feed.id}): ${formatRefresh(refresh)}.`)
      return 0
    }
    case 'feeds': {
      if (values.opml) {
        out(archive.exportOpml())
        return 0
      }
      const feeds = archive.feeds()
      if (values.json) {
        out(
          JSON.stringify(
            feeds.map(({ seen: _seen, ...f }) => ({
              ...f,
              unread: f.unread.length,
              items: f.items.length,
            })),
            null,
            2,
          ),
        )
      } else out(formatFeeds(feeds))
      return 0
    }
    case 'refresh': {
      need(args.length <= 1, 'give at most one feed')
      const outcomes = await archive.refreshFeeds(args[0])
      if (values.json) out(JSON.stringify(outcomes, null, 2))
      else for (const o of outcomes) out(`${o.title}: ${formatRefresh(o)}`)
      if (!values.json && outcomes.length === 0)
        out('No feeds: subscribe to one with morgue subscribe URL.')
      return outcomes.some((o) => o.status === 'failed') ? 1 : 0
    }
    case 'unsubscribe': {
      need(args.length === 1, 'give one feed (id, URL or title)')
      const feed = await archive.unsubscribe(args[0])
      out(`Unsubscribed from ${feed.title}; its ${feed.items.length} archived items stay.`)
      return 0
    }
    case 'import-opml': {
      need(args.length === 1, 'give one OPML file')
      const path = resolve(args[0])
      const text = await readFile(path, 'utf8').catch((e: Error) => {
        throw new ImportError(`${path} cannot be read: ${e.message}`)
      })
      const { added, existing } = await archive.importOpml(text, path)
      out(
        `Subscribed to ${added} feed${added === 1 ? '' : 's'} (${existing} already followed); morgue refresh fetches them.`,
      )
      return 0
    }
    case 'versions': {
      const item = await mustGet(archive, args[0])
      const versions = await archive.versions(item.id)
      out(values.json ? JSON.stringify(versions, null, 2) : formatVersions(versions))
      return 0
    }
    case 'diff': {
      const item = await mustGet(archive, args[0])
      need(args.length <= 3, 'give an id and at most two version numbers')
      const [from, to] = args.slice(1).map(versionArg)
      const diff = await archive.diffVersions(item.id, from, to)
      out(formatDiff(diff))
      return 0
    }
    case 'search': {
      need(args.join(' ').trim() !== '', 'give a query (to see every item, use morgue list)')
      const limit = values.limit === undefined ? 20 : positiveInt(values.limit)
      const sort = oneOf(values.sort, ['relevance', 'newest', 'oldest'] as const, 'relevance')
      const result = await archive.search(args.join(' '), { limit, sort })
      out(values.json ? JSON.stringify(result, null, 2) : formatSearch(result))
      return 0
    }
    case 'similar': {
      need(args.length === 1, 'give one item id')
      const result = await archive.similar(args[0])
      out(values.json ? JSON.stringify(result, null, 2) : formatSimilar(result))
      return 0
    }
    case 'tag':
    case 'untag': {
      if (values.query !== undefined) {
        need(args.length > 0, 'give at least one tag after --query QUERY')
        return bulkTagCommand(archive, command, values.query, args, !!values.json, out, () => {})
      }
      if (isPhotoRefArg(args[0])) {
        const photo = await mustGetPhoto(archive, args[0])
        need(args.length > 1, 'give at least one tag')
        if (command === 'tag') await archive.addTags([photo.ref], args.slice(1))
        else await archive.removeTags([photo.ref], args.slice(1))
        const after = await mustGetPhoto(archive, photo.ref)
        out(`${after.ref}: ${after.tags.length ? after.tags.join(', ') : '(no tags)'}`)
        return 0
      }
      const item = await mustGet(archive, args[0])
      const tags = args.slice(1)
      need(tags.length > 0, 'give at least one tag')
      if (command === 'tag') await archive.addTags([item.id], tags)
      else await archive.removeTags([item.id], tags)
      const after = await mustGet(archive, item.id)
      out(`${after.id}: ${after.tags.length ? after.tags.join(', ') : '(no tags)'}`)
      return 0
    }
    case 'agencies':
      return listAgencies(archive, !!values.json, out)
    case 'agency': {
      const code = await changeAgency(archive, args, values.alias ?? [], !!values.json, out)
      need(code !== null, 'say add NAME [--alias A]… or remove NAME')
      return code ?? 2
    }
    case 'rules':
      return listRules(archive, !!values.json, out)
    case 'rule': {
      const code = await ruleCommand(
        archive,
        args,
        {
          tags: values.tag ?? [],
          json: !!values.json,
          dryRun: !!values['dry-run'],
          yes: !!values.yes,
          disabled: !!values.disabled,
        },
        out,
      )
      need(
        code !== null,
        'say add QUERY --tag TAG…, edit ID [QUERY] [--tag TAG…], run ID, remove ID, enable ID, disable ID or move ID POSITION',
      )
      return code ?? 2
    }
    case 'tags': {
      if (values.unused) return unusedTagsCommand(archive, !!values.json, out)
      if (values.tree) {
        const tree = archive.tagTree()
        out(values.json ? JSON.stringify(tree, null, 2) : formatTagTree(tree))
        return 0
      }
      const tags = archive.tags()
      out(values.json ? JSON.stringify(tags, null, 2) : formatTags(tags))
      return 0
    }
    case 'rename-tag': {
      need(args.length === 2, 'give the old and the new name')
      await archive.renameTag(args[0], args[1])
      out(`Renamed “${args[0]}” to “${args[1]}”.`)
      return 0
    }
    case 'merge-tags': {
      need(args.length > 0 && !!values.into, 'give the tags to merge and --into TARGET')
      await archive.mergeTags(args, values.into!)
      out(`Merged ${args.map((a) => `“${a}”`).join(', ')} into “${values.into}”.`)
      return 0
    }
    case 'tag-color':
      return tagColorCommand(archive, args, out, need)
    case 'delete-tag':
      return deleteTagCommand(
        archive,
        args,
        { dryRun: !!values['dry-run'], unused: !!values.unused, json: !!values.json },
        out,
        need,
      )
    case 'saved':
      return savedCommand(archive, args, !!values.json, out, need)
    case 'delete': {
      need(args.length > 0, 'give at least one id')
      for (const id of args) await mustGet(archive, id)
      const removed = await archive.delete(args)
      out(`Deleted ${removed.length} item${removed.length === 1 ? '' : 's'}.`)
      return 0
    }
    case 'export': {
      if (values.format === 'html') return exportItemHtml(archive, args, values, out)
      need(args.length === 0, 'export takes no ID except with --format html')
      const format = oneOf(values.format, ['json', 'ndjson', 'markdown', 'csv'] as const, 'json')
      need(
        format !== 'markdown' || !!values.out,
        'Markdown export writes one file per article: give --out FOLDER',
      )
      const noBlobs = values['no-blobs']
      return exportCommand(
        archive,
        { format, out: values.out, noBlobs, stdout: io.stdout },
        out,
        err,
      )
    }
    case 'verify':
      return verifyCommand(archive, !!values.json, out)
    case 'repair':
      return repairCommand(archive, values.from, !!values.json, out)
    case 'backup':
      need(args.length <= 1, 'give one backup folder')
      return backupCommand(archive, args[0], !!values.json, out)
    case 'alias':
      return aliasCommand(archive, args, values.json === true, out, need)
    case 'sync':
      return syncCommand(archive, args, {
        ...syncFlags(values),
        out,
        err,
        need,
        signal: values.live ? interrupted() : undefined,
      })
    case 'conflicts':
      return conflictsCommand(archive, args, { json: values.json === true, out, need })
    case 'suggest':
      return suggestCommand(archive, args, values, out, need)
    case 'vocabulary':
      return vocabularyCommand(archive, args, values, out, need)
    case 'fetch-missing': {
      need(args.length <= 1, 'give at most one item id')
      const report = await archive.fetchMissingImages(args.length ? args : undefined)
      out(values.json ? JSON.stringify(report, null, 2) : formatMissingImages(report))
      return report.missing > 0 ? 1 : 0
    }
    case 'credit':
      return creditCommand(archive, args, values, out)
    case 'credit-line':
      return creditLineCommand(archive, args, values, out)
    case 'credit-style':
      return creditStyleCommand(archive, args, values, out)
    case 'reparse-credits': {
      const changed = await archive.reparseCredits()
      out(`Re-parsed every credit: ${changed} photo${changed === 1 ? '' : 's'} changed.`)
      return 0
    }
    case 'stats': {
      const stats = await archive.stats()
      out(values.json ? JSON.stringify(stats, null, 2) : formatStats(stats, archive.dir))
      return 0
    }
  }
  throw new UsageError(`unknown command ${command}`)
}

/** `export ID --format html`: one self-contained page with its images inlined. */
async function exportItemHtml(
  archive: Archive,
  args: string[],
  values: Values,
  out: (s: string) => void,
): Promise<number> {
  need(args.length === 1, 'give the id of one item')
  const item = await archive.get(args[0])
  if (!item) throw new ArchiveError(`No item with id ${args[0]}.`)
  const html = await itemToHtml(item, { readBlob: (sha) => archive.readBlob(sha) })
  if (!values.out) {
    out(html)
    return 0
  }
  const path = resolve(values.out)
  // Temp file beside the target, then rename: a crash never leaves half a page.
  await writeFileDurably(path, html, { tmpDir: dirname(path) })
  out(`Exported “${item.title}” to ${path}.`)
  return 0
}

/** `extract FILE`: run the importer with a store that keeps nothing. */
async function extract(args: string[], values: Values, out: (s: string) => void) {
  need(args.length === 1, 'give one file')
  const path = resolve(args[0])
  let bytes: Buffer
  try {
    bytes = await readFile(path)
  } catch (e) {
    throw new ImportError(`${path} cannot be read: ${(e as Error).message}`)
  }
  const input = { source: path, bytes, contentType: undefined }
  const importer = defaultImporters().find((i) => i.accepts(input))
  if (!importer) throw new ImportError(`${path} is not a format Morgue can import.`)
  const ctx: ImportContext = {
    putBlob: async (b, mime, fileName) => ({
      sha256: createHash('sha256').update(b).digest('hex'),
      mime,
      bytes: b.byteLength,
      fileName,
    }),
  }
  const drafts: ItemDraft[] = await importer.import(input, ctx)
  if (values.json) out(JSON.stringify(drafts.length === 1 ? drafts[0] : drafts, null, 2))
  else for (const d of drafts) out(formatItem(d))
  return 0
}

/** `parse-credit`: one caption or credit per stdin line → one JSON object per line. */
async function parseCreditLines(io: CliIo, out: (s: string) => void): Promise<number> {
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity })
  for await (const line of lines) {
    if (!line.trim()) {
      out(JSON.stringify({ raw: line, photographer: null, agency: null, agencies: [] }))
      continue
    }
    // A credit alone parses as is; a caption with a credit at its end gives that credit.
    const found = splitCaptionCredit(line).credit
    const credit = found ?? parseCredit(line)
    out(
      JSON.stringify({
        photographer: credit.photographer,
        agency: credit.agency,
        agencies: credit.agencies,
        raw: found ? found.raw : line,
      }),
    )
  }
  return 0
}

async function mustGet(archive: Archive, id: string | undefined): Promise<ArchiveItem> {
  need(!!id, 'give an item id')
  if (!isItemId(id)) throw new ArchiveError(`“${id}” is not an item id (16 hex characters).`)
  const item = await archive.get(id!)
  if (!item) throw new ArchiveError(`No item with id ${id}.`)
  return item
}

/** The sync flags; the password comes from MORGUE_SYNC_PASSWORD (never a flag: shells log those). */
function syncFlags(values: Values) {
  return {
    remote: values.remote,
    user: values.user,
    once: values.once,
    live: values.live,
    json: values.json,
    password: process.env.MORGUE_SYNC_PASSWORD || undefined,
  }
}

/** Aborts on Ctrl-C (live sync ends cleanly, state saved). */
function interrupted(): AbortSignal {
  const ctrl = new AbortController()
  process.once('SIGINT', () => ctrl.abort())
  return ctrl.signal
}

function need(ok: boolean, message: string): void {
  if (!ok) throw new UsageError(message)
}

function versionArg(v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`“${v}” is not a version number`)
  return n
}

function positiveInt(v: string): number {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--limit takes a whole number ≥ 1, not “${v}”`)
  return n
}

function oneOf<T extends string>(v: string | undefined, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback
  if ((allowed as readonly string[]).includes(v)) return v as T
  throw new UsageError(`“${v}” is not one of ${allowed.join(', ')}`)
}

/** Any file that failed makes the run fail, as `cp` does; the report says which. */
function reportCode(report: ImportReport): number {
  return report.failed > 0 ? 1 : 0
}

async function version(): Promise<string> {
  for (const p of [join(__dirname, '../../package.json'), join(__dirname, '../package.json')]) {
    try {
      const pkg = JSON.parse(await readFile(p, 'utf8')) as { name: string; version: string }
      if (pkg.name === 'morgue') return `morgue ${pkg.version}`
    } catch {
      // try the next location: the CLI runs from source (tests) and from out/main (built)
    }
  }
  return 'morgue'
}
