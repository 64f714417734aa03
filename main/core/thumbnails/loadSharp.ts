// sharp (libvips) is a Node-API module with prebuilt binaries: it loads in plain Node, in worker
// threads and in Electron's main process without a rebuild. It stays external to every bundle
// (electron.vite.config.ts keeps dependencies external), so `out/main` requires it at run time.
import type SharpModule from 'sharp'

export type Sharp = typeof SharpModule

/**
 * Which decoder makes thumbnails: `sharp` (default) or `js` (the pure-JavaScript fallback, also
 * used when sharp cannot load on this machine). `MORGUE_IMAGE_DECODER=js` forces the fallback.
 */
export type ImageDecoder = 'sharp' | 'js'

let loading: Promise<Sharp | null> | undefined

/**
 * sharp, loaded once, with libvips' operation cache off (an import sees each image once; the
 * cache would only hold decoded pixels). Resolves to null when it cannot be loaded here or when
 * `MORGUE_IMAGE_DECODER=js` asks for the pure-JavaScript path.
 */
export function loadSharp(): Promise<Sharp | null> {
  if (process.env.MORGUE_IMAGE_DECODER === 'js') return Promise.resolve(null)
  loading ??= import('sharp').then(
    (mod) => {
      const sharp = ((mod as { default?: Sharp }).default ?? mod) as Sharp
      sharp.cache(false)
      return sharp
    },
    () => null,
  )
  return loading
}

/** The decoder thumbnails are made with in this process. */
export async function imageDecoder(): Promise<ImageDecoder> {
  return (await loadSharp()) ? 'sharp' : 'js'
}
