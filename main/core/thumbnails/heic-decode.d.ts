/** heic-decode ships no types: the one call Morgue makes. */
declare module 'heic-decode' {
  function decode(input: {
    buffer: Uint8Array
  }): Promise<{ width: number; height: number; data: Uint8ClampedArray }>
  export = decode
}
