// `npm run serve`: the archive in a browser, over the loopback transport, where no Electron
// binary can run. Prints the URL (with its token) to open.
import { resolve, join } from 'node:path'
import { parseArgs } from 'node:util'
import { startBackupSchedule } from './core/backup/backupSchedule'
import { tryStartCaptureServer } from './capture/captureServer'
import { startFeedScheduler } from './core/feeds/feedScheduler'
import { memorySecretStore } from './core/sync/secretStore'
import { SyncController } from './core/sync/syncController'
import { openArchive } from './core/openArchive'
import { guards } from './ipc/guards'
import { defaultArchiveDir } from './platform/paths'
import { startHttpTransport } from './transport/httpTransport'

const HELP = `Usage: node out/main/serve.js [--archive DIR] [--port N]

Serve the Morgue archive to a browser on this computer only (127.0.0.1), protected by a
random token printed with the URL.

  --archive DIR   archive folder (default: $MORGUE_ARCHIVE_DIR or ${defaultArchiveDir()})
  --port N        port to listen on (default: a random free port)
  --import-root DIR  a folder whose files the browser may import by path (repeatable;
                  default none: the browser imports by paste or URL)
  --help          show this help`

async function main(): Promise<number> {
  let values: { archive?: string; port?: string; help?: boolean; 'import-root'?: string[] }
  try {
    ;({ values } = parseArgs({
      options: {
        archive: { type: 'string' },
        port: { type: 'string' },
        help: { type: 'boolean' },
        'import-root': { type: 'string', multiple: true },
      },
    }))
  } catch (err) {
    console.error(`morgue serve: ${err instanceof Error ? err.message : String(err)}`)
    return 2
  }
  if (values.help) {
    console.log(HELP)
    return 0
  }
  const port = values.port === undefined ? 0 : Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`morgue serve: --port must be a number from 0 to 65535.`)
    return 2
  }
  const dir = resolve(values.archive ?? defaultArchiveDir())
  let archive
  try {
    archive = await openArchive(dir)
  } catch (err) {
    console.error(`morgue serve: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  const capture = await tryStartCaptureServer(archive)
  // The browser target keeps the sync password in memory only (no keychain here).
  const sync = await SyncController.start(archive, memorySecretStore())
  const transport = await startHttpTransport({
    archive,
    capture,
    sync,
    guards,
    port,
    rendererDir: join(__dirname, '../renderer'),
    importRoots: (values['import-root'] ?? []).map((r) => resolve(r)),
  })
  const backups = startBackupSchedule(archive, {
    onBackup: (r) => console.log(`Backed up to ${r.snapshot}`),
    onError: (err) => console.error(`morgue serve: automatic backup failed: ${String(err)}`),
  })
  const stopFeeds = startFeedScheduler(archive, {
    onError: (err) => console.error('Feed refresh failed:', err),
  })
  console.log(`Morgue is serving ${dir}`)
  console.log(`Open ${transport.url}`)
  if (capture) console.log(`Save to Morgue listens on ${(await capture.info()).endpoint}`)
  console.log('Press Ctrl+C to stop.')

  const stop = async () => {
    backups.stop()
    stopFeeds()
    await capture?.close()
    await sync.close()
    await transport.close()
    await archive.close()
    process.exit(0)
  }
  process.once('SIGINT', () => void stop())
  process.once('SIGTERM', () => void stop())
  return -1
}

void main().then((code) => {
  if (code >= 0) process.exitCode = code
})
