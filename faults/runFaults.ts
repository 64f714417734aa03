import { spawn } from 'node:child_process'
import { mkdir, readdir, readFile, rm, truncate, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { Archive } from '../main/core/archiveApi'
import { openArchive } from '../main/core/openArchive'

const repoRoot = resolve(__dirname, '..')

export interface FaultFigures {
  rounds: number
  acknowledgedWrites: number
  byKind: Record<string, number>
  lost: number
  lostDetails: string[]
  opensFailed: number
  damageCases: { name: string; detected: boolean; repaired: boolean }[]
  importerFuzz: { inputs: number; crashes: number; opensFailed: number }
  queryFuzz: { queries: number; crashes: number }
}

/** The kill -9 loop, the damage cases and the fuzzing, in `work` (a scratch folder). */
export async function runFaults(options: {
  work: string
  rounds: number
  fuzzInputs: number
  corpora?: string
  log?: (line: string) => void
}): Promise<FaultFigures> {
  const log = options.log ?? (() => undefined)
  const figures: FaultFigures = {
    rounds: 0,
    acknowledgedWrites: 0,
    byKind: {},
    lost: 0,
    lostDetails: [],
    opensFailed: 0,
    damageCases: [],
    importerFuzz: { inputs: 0, crashes: 0, opensFailed: 0 },
    queryFuzz: { queries: 0, crashes: 0 },
  }
  const dir = join(options.work, 'archive')
  const inputs = join(options.work, 'inputs')
  await mkdir(inputs, { recursive: true })

  // Expected state from every acknowledged write, across rounds.
  const items = new Map<string, Set<string>>()
  const searches = new Set<string>()
  for (let round = 0; round < options.rounds; round++) {
    const acks = await writeUntilKilled(dir, inputs, round + 1, 300 + ((round * 7919) % 1700))
    // A delete under way when the kill came may have landed without its acknowledgement.
    const deleting = new Set(acks.filter((a) => a.op === 'begin-delete').map((a) => a.id!))
    for (const a of acks) {
      if (a.op === 'open' || a.op === 'begin-delete') continue
      figures.acknowledgedWrites++
      figures.byKind[a.op] = (figures.byKind[a.op] ?? 0) + 1
      if (a.op === 'import') for (const id of a.ids ?? []) items.set(id, new Set())
      else if (a.op === 'tag') items.get(a.id!)?.add(a.tag!)
      else if (a.op === 'delete') items.delete(a.id!)
      else if (a.op === 'setting') searches.add(a.name!)
    }
    let archive: Archive
    try {
      archive = await openArchive(dir, { importInWorker: false })
    } catch (error) {
      figures.opensFailed++
      log(`round ${round + 1}: open failed: ${String(error)}`)
      continue
    }
    try {
      if (archive.damage().length > 0) figures.opensFailed++
      for (const [id, tags] of items) {
        const summary = archive.list().items.find((s) => s.id === id)
        if (!summary) {
          if (!deleting.has(id)) lost(figures, `item ${id} imported but missing`)
          items.delete(id) // counted once
        } else {
          for (const t of [...tags]) {
            if (summary.tags.includes(t)) continue
            lost(figures, `tag ${t} on ${id}`)
            tags.delete(t)
          }
        }
      }
      const saved = new Set(archive.savedSearches().map((s) => s.name))
      for (const name of [...searches]) {
        if (saved.has(name)) continue
        lost(figures, `saved search ${name}`)
        searches.delete(name)
      }
      const present = new Set(archive.list().items.map((s) => s.id))
      for (const a of acks)
        if (a.op === 'delete' && present.has(a.id!)) lost(figures, `deleted ${a.id} is back`)
    } finally {
      await archive.close()
    }
    figures.rounds++
    const acked = acks.filter((a) => a.op !== 'open' && a.op !== 'begin-delete').length
    log(`round ${round + 1}: ${acked} writes acknowledged, ${figures.lost} lost so far`)
  }

  figures.damageCases = await damageCases(dir, join(options.work, 'backups'))
  log(
    `damage cases: ${figures.damageCases.map((d) => `${d.name} ${d.detected && d.repaired ? 'ok' : 'FAILED'}`).join(', ')}`,
  )
  figures.importerFuzz = await importerFuzz(
    dir,
    join(options.work, 'fuzz'),
    options.fuzzInputs,
    options.corpora,
  )
  figures.queryFuzz = await queryFuzz(dir, options.fuzzInputs * 10)
  return figures
}

function lost(figures: FaultFigures, what: string): void {
  figures.lost++
  figures.lostDetails.push(what)
}

interface Ack {
  op: string
  ids?: string[]
  id?: string
  tag?: string
  name?: string
}

/** Start a writer, kill it with SIGKILL after `afterMs` of writing; its acknowledged writes. */
async function writeUntilKilled(
  dir: string,
  inputs: string,
  seed: number,
  afterMs: number,
): Promise<Ack[]> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'faults/writer.ts', dir, inputs, String(seed)],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const acks: Ack[] = []
  let partial = ''
  let stderr = ''
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
  await new Promise<void>((ok, fail) => {
    let timer: NodeJS.Timeout | undefined
    child.stdout.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n')
      partial = lines.pop()!
      for (const line of lines) {
        const ack = JSON.parse(line) as Ack
        acks.push(ack)
        if (ack.op === 'open') timer = setTimeout(() => child.kill('SIGKILL'), afterMs)
      }
    })
    child.on('exit', (code, signal) => {
      clearTimeout(timer)
      if (signal === 'SIGKILL') ok()
      else fail(new Error(`writer exited with ${code}: ${stderr}`))
    })
  })
  return acks
}

/** Each damage case: make a backup, damage, check that verify notices and repair restores. */
async function damageCases(dir: string, backups: string): Promise<FaultFigures['damageCases']> {
  const cases: [string, (dir: string) => Promise<void>][] = [
    ['truncate a shard', async (d) => truncate(join(d, 'items', (await shards(d))[0]), 25)],
    ['delete a shard', async (d) => rm(join(d, 'items', (await shards(d))[1]))],
    ['delete archive.json', async (d) => rm(join(d, 'archive.json'))],
    [
      'alter a blob',
      async (d) => {
        let record: { content: string } | undefined
        for (const name of await shards(d)) {
          const shard = JSON.parse(await readFile(join(d, 'items', name), 'utf8'))
          record ??= Object.values(shard.items as Record<string, { content: string }>)[0]
        }
        if (!record) throw new Error('no item to damage')
        const file = join(d, 'blobs', record.content.slice(0, 2), record.content)
        await writeFile(file, '{"body":["forged"],"photos":[]}')
      },
    ],
  ]
  const out: FaultFigures['damageCases'] = []
  for (const [name, damage] of cases) {
    let archive = await openArchive(dir, { importInWorker: false })
    await archive.backup(backups)
    await archive.close()
    await damage(dir)
    archive = await openArchive(dir, { importInWorker: false })
    try {
      const check = await archive.verify()
      const repair = await archive.repair({ backups: [backups] })
      out.push({
        name,
        detected: !check.ok,
        repaired: repair.after.ok && repair.unrecovered.length === 0,
      })
    } finally {
      await archive.close()
    }
  }
  return out
}

async function shards(dir: string): Promise<string[]> {
  return (await readdir(join(dir, 'items'))).filter((n) => /^[0-9a-f]{2}\.json$/.test(n)).sort()
}

/** Mutate real inputs (bytes flipped, cut, repeated) and import them: never a crash. */
async function importerFuzz(
  dir: string,
  work: string,
  count: number,
  corpora?: string,
): Promise<FaultFigures['importerFuzz']> {
  await mkdir(work, { recursive: true })
  const seeds: { name: string; bytes: Buffer }[] = [
    {
      name: 'a.html',
      bytes: Buffer.from(
        '<html><head><title>T</title></head><body><article><h1>T</h1><p>Para one about Raqa.</p><figure><img src="x.jpg"><figcaption>Fighters. DELIL SOULEIMAN / AFP</figcaption></figure></article></body></html>',
      ),
    },
    {
      name: 'b.md',
      bytes: Buffer.from('---\ntitle: "Raqa"\ntags: [a, b]\n---\n# Raqa\n\nBody text.\n'),
    },
    {
      name: 'c.xml',
      bytes: Buffer.from(
        '<?xml version="1.0"?><rss><channel><title>W</title><item><title>I</title><description>D</description></item></channel></rss>',
      ),
    },
    { name: 'd.json', bytes: Buffer.from('{"format":"morgue-export","version":1,"items":[]}') },
    { name: 'e.txt', bytes: Buffer.from('Title\n\nBody of the text.\n') },
  ]
  if (corpora) {
    const root = join(corpora, 'readability')
    const pages = await readdir(root).catch(() => [] as string[])
    for (const p of pages.slice(0, 3)) {
      const bytes = await readFile(join(root, p, 'source.html')).catch(() => null)
      if (bytes) seeds.push({ name: `${p}.html`, bytes })
    }
  }
  let seed = 7
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const files: string[] = []
  for (let i = 0; i < count; i++) {
    const base = seeds[i % seeds.length]
    const bytes = Buffer.from(base.bytes)
    const how = i % 3
    if (how === 0)
      for (let k = 0; k < 1 + bytes.length / 50; k++)
        bytes[Math.floor(random() * bytes.length)] = Math.floor(random() * 256)
    const cut = how === 1 ? bytes.subarray(0, Math.floor(random() * bytes.length)) : bytes
    const out =
      how === 2 ? Buffer.concat([cut, cut.subarray(Math.floor(random() * cut.length))]) : cut
    const file = join(work, `${i}-${base.name}`)
    await writeFile(file, out)
    files.push(file)
  }
  const result = { inputs: files.length, crashes: 0, opensFailed: 0 }
  const archive = await openArchive(dir, { importInWorker: false })
  try {
    for (const file of files) {
      try {
        await archive.importPaths([file])
      } catch {
        result.crashes++
      }
    }
  } finally {
    await archive.close()
  }
  try {
    const again = await openArchive(dir, { importInWorker: false })
    if (!(await again.verify()).ok) result.opensFailed++
    await again.close()
  } catch {
    result.opensFailed++
  }
  return result
}

/** Random query strings (operators, quotes, fields, unicode): answers or positioned errors, never a throw. */
async function queryFuzz(dir: string, count: number): Promise<FaultFigures['queryFuzz']> {
  const atoms = [
    'raqa',
    '"',
    'OR',
    'AND',
    '-',
    '*',
    '~',
    '~2',
    ':',
    'title:',
    'tag:',
    'after:',
    'before:2023-13-45',
    'year:',
    '(',
    ')',
    'photographer:"',
    'Souleïman',
    'مرحبا',
    '\u0000',
    '\\',
    'is:untagged',
    'credit:empty',
    'type:photo',
    '  ',
    '""',
    '*~1',
    'a'.repeat(300),
  ]
  let seed = 11
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  const archive = await openArchive(dir, { importInWorker: false })
  const result = { queries: count, crashes: 0 }
  try {
    for (let i = 0; i < count; i++) {
      const n = 1 + Math.floor(random() * 6)
      const q = Array.from({ length: n }, () => atoms[Math.floor(random() * atoms.length)]).join(
        random() < 0.5 ? ' ' : '',
      )
      try {
        await archive.search(q)
      } catch {
        result.crashes++
      }
    }
  } finally {
    await archive.close()
  }
  return result
}
