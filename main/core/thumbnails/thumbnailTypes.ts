/** A small preview image for result lists. */
export interface Thumbnail {
  bytes: Uint8Array
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
}
