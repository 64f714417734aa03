/** The CLI's commands: name, usage line and one-line summary, for `--help`. */
export interface CommandHelp {
  usage: string
  summary: string
  options?: string[]
}

export const COMMANDS: Record<string, CommandHelp> = {
  import: {
    usage: 'import PATH… [--tag TAG]… [--json]',
    summary: 'Import files and folders (text, Markdown, HTML, images, feeds, JSON exports).',
    options: [
      '--tag TAG   add this tag to every imported item (repeatable)',
      '--json      print the report as JSON',
    ],
  },
  'import-url': {
    usage: 'import-url URL [--json]',
    summary: 'Fetch a web page (needs the network) and archive it with its images.',
  },
  extract: {
    usage: 'extract FILE [--json]',
    summary:
      'Show what would be stored for FILE (title, byline, excerpt, photos, credits) without storing it.',
  },
  list: {
    usage: 'list [--tag TAG] [--sort newest|oldest|title] [--limit N] [--json]',
    summary: 'List archived items.',
  },
  show: {
    usage: 'show ID [--json]',
    summary: 'Show one item in full, or one photo (ARTICLE/p0, as `search --json` gives in `ref`).',
  },
  subscribe: {
    usage: 'subscribe URL [--json]',
    summary:
      'Subscribe to a feed (RSS, Atom, JSON Feed, or a page that links one) and archive its entries.',
  },
  feeds: {
    usage: 'feeds [--json|--opml]',
    summary: 'List the feeds with unread counts and errors (--opml: as an OPML file).',
  },
  refresh: {
    usage: 'refresh [FEED] [--json]',
    summary: 'Fetch new entries of one feed (id, URL or title) or of all, as full articles.',
  },
  unsubscribe: { usage: 'unsubscribe FEED', summary: 'Stop following a feed (its items stay).' },
  'import-opml': {
    usage: 'import-opml FILE',
    summary: 'Subscribe to every feed of an OPML file (from another feed reader).',
  },
  versions: {
    usage: 'versions ID [--json]',
    summary: 'List the versions of a story captured again from its URL (1 = oldest).',
  },
  diff: {
    usage: 'diff ID [FROM [TO]]',
    summary:
      'Word-level diff of two versions of a story ([-removed-] {+added+}); default: the last two.',
  },
  search: {
    usage: 'search QUERY [--limit N] [--sort relevance|newest|oldest] [--json]',
    summary: 'Search the archive (words, "phrases", photographer:, agency:, tag:, after:, …).',
  },
  similar: {
    usage: 'similar ID [--json]',
    summary:
      'List the near duplicates of an item (the same story from other outlets or re-edited).',
  },
  tag: {
    usage: 'tag ID TAG… | tag --query QUERY TAG…',
    summary:
      'Add tags to an item or a photo (ARTICLE/p0), or to every result of a search. A tag may be a path: Places/Syria/Raqqa.',
  },
  untag: {
    usage: 'untag ID TAG… | untag --query QUERY TAG…',
    summary: 'Remove tags from an item or a photo, or from every result of a search.',
  },
  credit: {
    usage:
      'credit ID [--photographer NAME]… [--agency NAME] [--via NAME]… [--for NAME] [--caption TEXT]',
    summary:
      'Print a photo’s credit as JSON, or correct it: the correction sticks over re-parse and re-import.',
    options: [
      '--photographer NAME   the photographer (repeat for several; "" clears)',
      '--agency NAME         the agency ("" clears)',
      '--via NAME            a distributor, e.g. Getty Images (repeatable; "" clears)',
      '--for NAME            the client the picture was made for ("" clears)',
      '--caption TEXT        the caption',
    ],
  },
  'credit-line': {
    usage: 'credit-line ID [--style ap|reuters|afp|guardian|german|plain|TEMPLATE] [--json]',
    summary: 'Print a photo’s caption with its credit in a house style (default: the saved one).',
    options: [
      '--style STYLE   ap (AP Photo/Name), reuters (REUTERS/Name), afp (Name / AFP),',
      '                guardian (Photograph: Name/AFP/Getty Images), german (Foto: Name/dpa),',
      '                plain (Name / Agency), or a template with {caption} {photographer}',
      '                {agency} {via} {for} {date}; a [part] is dropped when a field in it is empty',
    ],
  },
  'credit-style': {
    usage: 'credit-style [STYLE|TEMPLATE] [--json]',
    summary: 'Print or set the house style of "Copy with credit" and the CSV credit line.',
  },
  'reparse-credits': {
    usage: 'reparse-credits',
    summary: 'Parse every archived credit again (corrections made by hand are kept).',
  },
  tags: {
    usage: 'tags [--unused | --tree] [--json]',
    summary:
      'List tags with their counts and colours (--unused: tags no item carries; --tree: the tag tree, counts rolled up).',
  },
  'tag-color': {
    usage: 'tag-color TAG COLOR',
    summary:
      'Colour a tag: #c0392b, #c39, a palette name (red, orange, yellow, green, teal, blue, purple, grey) or none.',
  },
  'delete-tag': {
    usage: 'delete-tag TAG [--dry-run] [--json] | delete-tag --unused [--dry-run]',
    summary: 'Take a tag off every item and photo and forget its colour (--dry-run: only count).',
    options: [
      '--dry-run   say how many items and photos carry it; change nothing',
      '--unused    delete every unused tag (see tags --unused)',
    ],
  },
  saved: {
    usage: 'saved add NAME QUERY… | saved list [--json] | saved remove NAME',
    summary: 'Edit the saved searches of the sidebar (a query with a problem is refused).',
  },
  agencies: {
    usage: 'agencies [--json]',
    summary: 'List the agencies the credit parser knows (built in and added).',
  },
  agency: {
    usage: 'agency add NAME [--alias A]… | agency remove NAME',
    summary: 'Teach the credit parser an agency (or forget one you added); credits are read again.',
  },
  rules: {
    usage: 'rules [--json]',
    summary: 'List the tagging rules in order (position, id, on/off, query → tags).',
  },
  rule: {
    usage:
      'rule add QUERY --tag TAG… [--dry-run] [--yes] [--disabled] | rule edit ID [QUERY] [--tag TAG…] | rule run ID [--dry-run] [--yes] | rule remove ID | rule enable ID | rule disable ID | rule move ID POSITION',
    summary:
      'Tagging rules: every item the query matches gets the tags, now and whenever an item is imported or changed.',
    options: [
      'add QUERY --tag TAG…   save a rule and run it on the archive (prints how many items it tagged)',
      '--dry-run              only say what it would add, to how many items',
      '--yes                  go on when the rule matches every item in the archive',
      '--disabled             save it switched off (not run)',
      "edit ID [QUERY]        change a rule's query or --tag list, then run it",
      'run ID                 run one rule on the archive again',
      'remove ID              delete a rule (the tags it added stay)',
      'enable/disable ID      switch a rule on or off',
      'move ID POSITION       put a rule at POSITION (1 first): earlier rules apply first',
    ],
  },
  'rename-tag': {
    usage: 'rename-tag FROM TO',
    summary:
      'Rename or move a tag on every item; a node moves with its subtree (Places/Syria → Middle East/Syria).',
  },
  'merge-tags': {
    usage: 'merge-tags SOURCE… --into TARGET',
    summary: 'Merge tags into one (TARGET is created if needed).',
  },
  delete: { usage: 'delete ID…', summary: 'Delete items.' },
  sync: {
    usage: 'sync [--remote URL] [--user NAME] [--once|--live] [--json] | sync status [--json]',
    summary: "Sync this archive with the desk's CouchDB database, both ways (offline edits merge).",
    options: [
      '--remote URL  the database, e.g. https://couch.example.org/desk-news (remembered)',
      '--user NAME   the CouchDB user; the password is read from MORGUE_SYNC_PASSWORD',
      '--once        one sync, then exit (the default)',
      '--live        keep syncing as either side changes, until Ctrl-C',
      'status        the remote, the last sync, changes waiting, conflicts, the server reachable',
    ],
  },
  conflicts: {
    usage: 'conflicts [--json] | conflicts pick ID kept|other',
    summary: 'List edits made on two desktops at once that sync kept aside, and settle them.',
    options: [
      'pick ID kept   keep what the archive shows now',
      'pick ID other  put the other desktop’s caption, credit or note in (for a delete: delete)',
    ],
  },
  alias: {
    usage: 'alias add NAME VARIANT… | alias list [--json] | alias remove NAME',
    summary: 'Edit the name variants searched as one name (Gaddafi = Qadhafi = Kadhafi).',
    options: [
      'add NAME VARIANT…  add variants to the group of NAME (a new group if none holds it)',
      'list [--json]      print the groups, one per line',
      'remove NAME        take NAME out of its group (a group left with one name goes)',
    ],
  },
  suggest: {
    usage: 'suggest ID [--json] [--limit N]',
    summary: 'Suggest tags for an item from the vocabulary, and names it does not know yet.',
  },
  vocabulary: {
    usage:
      'vocabulary import FILE [--name NAME] [--lang en] | vocabulary list [--json] | vocabulary remove ID',
    summary: 'Import keyword lists whose terms are suggested as tags (or list and remove them).',
    options: [
      'import FILE        one term per line, a tab-indented hierarchy (Lightroom, Photo Mechanic),',
      '                   or SKOS in JSON(-LD) or RDF/XML such as IPTC Media Topics',
      '--lang en          the language of SKOS labels (falls back to en, then any)',
      '--name NAME        the list’s name (default the file name; the same name replaces it)',
      'list [--json]      the imported lists with their term counts',
      'remove ID|NAME     forget a list',
    ],
  },
  export: {
    usage:
      'export [ID --format html] [--format json|ndjson|markdown|csv] [--out PATH] [--no-blobs]',
    summary:
      'Export the archive: JSON (lossless, re-importable), Markdown files, a CSV of photos, or one item as a self-contained HTML file.',
  },
  'fetch-missing': {
    usage: 'fetch-missing [ID] [--json]',
    summary:
      'Try again to archive the images items lack (all items, or one); exit code 1 while some are still missing.',
  },
  stats: { usage: 'stats [--json]', summary: 'Counts and size of the archive.' },
  verify: {
    usage: 'verify [--json]',
    summary:
      'Check every shard, summary, file hash, the settings and the index; exit 1 if anything is damaged.',
  },
  repair: {
    usage: 'repair [--from BACKUP]… [--json]',
    summary:
      'Quarantine damaged files, restore them from the newest good backup, rebuild the index.',
    options: ['--from BACKUP   a backup folder to restore from (besides the one in the settings)'],
  },
  backup: {
    usage: 'backup [DEST] [--json]',
    summary:
      'Snapshot the archive into the backup folder DEST (default: the one in the settings); only new files are copied.',
  },
  restore: {
    usage: 'restore BACKUP [--to DIR] [--json]',
    summary:
      'Restore a backup (its newest snapshot) into the archive or DIR, then check the result.',
    options: ['--to DIR   restore into DIR instead of the archive (created if needed)'],
  },
  'parse-credit': {
    usage: 'parse-credit < lines',
    summary: 'Read one caption or credit per stdin line; print one JSON object per line.',
  },
}

export function commandHelp(name: string): string {
  const c = COMMANDS[name]
  if (!c) return ''
  const lines = [`Usage: morgue ${c.usage}`, '', c.summary]
  if (c.options?.length) lines.push('', 'Options:', ...c.options.map((o) => `  ${o}`))
  lines.push(
    '',
    'Global options:',
    '  --archive DIR   the archive folder (default: the app’s)',
    '  --create        make a new archive at --archive DIR if there is none',
  )
  return lines.join('\n')
}

export function generalHelp(defaultDir: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length))
  return [
    'Usage: morgue [--archive DIR] COMMAND [ARGS]',
    '',
    'Morgue keeps an offline archive of news articles, photo captions and their credits.',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([k, c]) => `  ${k.padEnd(width)}  ${c.summary}`),
    '',
    `Options:`,
    `  --archive DIR   the archive folder (default: ${defaultDir})`,
    '  --create        make a new archive at --archive DIR if there is none',
    '  --help          help for any command: morgue COMMAND --help',
    '  --version       print the version',
  ].join('\n')
}
