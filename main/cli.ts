// The `morgue` command: the same core and archive as the app (see main/cli/runCli.ts).
import { runCli } from './cli/runCli'

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
