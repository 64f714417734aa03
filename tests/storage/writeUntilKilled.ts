/**
 * Child process for the crash test: opens the archive given as argv[2] and puts articles one by
 * one forever, printing each id once its `put` has resolved, until it is killed.
 */
import { openItemStore } from '../../main/core/storage'
import { fullArticle, testIds } from '../../main/core/storage/testItems'

async function main(): Promise<void> {
  const store = await openItemStore(process.argv[2])
  for (const id of testIds(100_000, 23)) {
    await store.put([fullArticle(id, { body: [`Body of ${id}.`], tags: [`tag-${id}`] })])
    process.stdout.write(`${id}\n`)
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`)
  process.exit(1)
})
