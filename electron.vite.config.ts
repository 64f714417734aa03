import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'electron-vite'

// lowdb and steno are ESM-only; main and preload are CJS (a sandboxed preload must be), so those
// two are bundled into main while every other dependency stays external (TOOLCHAIN.md).
const bundled = ['lowdb', 'steno']

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundled },
      rolldownOptions: {
        input: {
          index: resolve(__dirname, 'main/index.ts'),
          cli: resolve(__dirname, 'main/cli.ts'),
          serve: resolve(__dirname, 'main/serve.ts'),
        },
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
