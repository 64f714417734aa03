// The `morgue` command: the same core and archive as the app (see main/cli/runCli.ts).
import { runCli } from './cli/runCli'

// `morgue list | head`: when the reader goes away, stop writing quietly (no stack trace); the
// command still ends normally, so the archive is closed and its lock released.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err
  })
}

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
}).then(
  (code) => {
    process.exitCode = code
  },
  (err: unknown) => {
    process.stderr.write(`morgue: ${err instanceof Error ? err.message : String(err)}\n`)
    process.exitCode = 1
  },
)
