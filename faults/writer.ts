// A child of the fault suite: writes to the archive without end, printing one line per write
// once it is acknowledged (the call resolved = durable). The suite kills it with SIGKILL.
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { openArchive } from '../main/core/openArchive'

const [dir, inputDir, seedArg] = process.argv.slice(2)
let seed = Number(seedArg) || 1
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
const ack = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`)

async function main(): Promise<void> {
  const archive = await openArchive(dir, { importInWorker: false })
  ack({ op: 'open' })
  const ids = archive.list().items.map((s) => s.id)
  for (let n = 0; ; n++) {
    const r = random()
    if (r < 0.35 || ids.length < 3) {
      const file = join(inputDir, `w-${process.pid}-${n}.txt`)
      await writeFile(
        file,
        `Wire ${process.pid} ${n}\n\nReport ${n} of writer ${process.pid} at ${random()}.\n`,
      )
      const report = await archive.importPaths([file])
      const got = report.outcomes.flatMap((o) => (o.status === 'imported' ? o.ids : []))
      ids.push(...got)
      ack({ op: 'import', ids: got })
    } else if (r < 0.65) {
      const id = ids[Math.floor(random() * ids.length)]
      const tag = `t${process.pid}x${n}`
      await archive.addTags([id], [tag])
      ack({ op: 'tag', id, tag })
    } else if (r < 0.8) {
      const [id] = ids.splice(Math.floor(random() * ids.length), 1)
      // Said before the call: a delete killed midway may or may not have landed.
      ack({ op: 'begin-delete', id })
      await archive.delete([id])
      ack({ op: 'delete', id })
    } else {
      const name = `s${process.pid}x${n}`
      await archive.saveSearch({ name, query: `report ${n}` })
      ack({ op: 'setting', name })
    }
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`writer failed: ${String(error)}\n`)
  process.exit(3)
})
