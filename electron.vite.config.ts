import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// lowdb and steno are ESM-only; main and preload are CJS (a sandboxed preload must be), so those
// two are bundled into main while every other dependency stays external (TOOLCHAIN.md).
const bundled = ['lowdb', 'steno']

// Worker threads of the core are bundles of their own beside main: spawnWorker
// (main/core/workers/spawnWorker.ts) looks for `<name>.js` next to the code that spawns it.
const workers = {
  importWorker: resolve(__dirname, 'main/core/workers/importWorker.ts'),
  buildWorker: resolve(__dirname, 'main/core/search/buildWorker.ts'),
  searchWorker: resolve(__dirname, 'main/core/search/searchWorker.ts'),
}

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          cli: resolve(__dirname, 'main/cli.ts'),
          serve: resolve(__dirname, 'main/serve.ts'),
          ...workers,
        },
        // Shared chunks sit beside the entries, so `__dirname` is out/main wherever code lands.
        output: { chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'preload/index.ts') },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      rolldownOptions: {
        input: { index: resolve(__dirname, 'renderer/index.html') },
      },
    },
  },
})
