// `npm start`: build if needed, then launch the desktop app on the default archive. Where no
// Electron binary can be had, say so in one sentence and exit non-zero (no stack trace).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const NO_ELECTRON =
  'Morgue could not start: the Electron binary is not installed and could not be downloaded (no network?). Run `npm run serve` to open the archive in your browser instead.'

function fail(sentence) {
  console.error(sentence)
  process.exit(1)
}

/** The built app exists and is newer than package.json (a cheap "needs a build" check). */
function isBuilt() {
  const outputs = ['out/main/index.js', 'out/preload/index.js', 'out/renderer/index.html']
  if (!outputs.every((f) => existsSync(join(root, f)))) return false
  return (
    statSync(join(root, 'out/main/index.js')).mtimeMs >=
    statSync(join(root, 'package.json')).mtimeMs
  )
}

/** The Electron binary's path, if one is on disk (downloading it if the package can). */
function electronBinary() {
  if (process.env.ELECTRON_EXEC_PATH) {
    return existsSync(process.env.ELECTRON_EXEC_PATH) ? process.env.ELECTRON_EXEC_PATH : null
  }
  const pkg = join(root, 'node_modules', 'electron')
  if (!existsSync(pkg)) return null
  const installed = () => {
    const pathFile = join(pkg, 'path.txt')
    if (!existsSync(pathFile)) return null
    const bin = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim())
    return existsSync(bin) ? bin : null
  }
  if (installed()) return installed()
  // Electron 45 downloads its binary on first use; give it one bounded, quiet try.
  spawnSync(process.execPath, [join(pkg, 'install.js')], { stdio: 'ignore', timeout: 60_000 })
  return installed()
}

if (!isBuilt()) {
  console.log('Building Morgue…')
  const build = spawnSync(
    process.execPath,
    [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  )
  if (build.status !== 0) fail('Morgue could not start: the build failed (see the messages above).')
}

const binary = electronBinary()
if (!binary) fail(NO_ELECTRON)

const child = spawn(binary, [root, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
child.on('error', () => fail(NO_ELECTRON))
child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig))
