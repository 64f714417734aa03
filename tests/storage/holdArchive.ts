/**
 * Child process for lock tests: opens the archive given as argv[2], prints `ready <pid>`, then
 * holds it until stdin ends (closing cleanly) or it is killed (leaving a stale lock).
 */
import { openItemStore } from '../../main/core/storage'

async function main(): Promise<void> {
  const store = await openItemStore(process.argv[2])
  process.stdout.write(`ready ${process.pid}\n`)
  process.stdin.resume()
  process.stdin.on('end', () => {
    void store.close().then(() => process.exit(0))
  })
}

main().catch((error: unknown) => {
  process.stdout.write(`error ${(error as Error).name}: ${(error as Error).message}\n`)
  process.exit(1)
})
