/**
 * Growable byte buffer with LEB128 varints: postings, positions and offsets are written with it
 * so an index loads as a few typed arrays instead of millions of objects.
 */
export class ByteWriter {
  buf: Uint8Array
  length = 0

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial)
  }

  private grow(extra: number): void {
    let size = this.buf.length * 2
    while (size < this.length + extra) size *= 2
    const next = new Uint8Array(size)
    next.set(this.buf.subarray(0, this.length))
    this.buf = next
  }

  /** Room for `extra` more bytes in `buf`. */
  reserve(extra: number): void {
    if (this.length + extra > this.buf.length) this.grow(extra)
  }

  varint(value: number): void {
    if (this.length + 5 > this.buf.length) this.grow(5)
    let v = value >>> 0
    while (v >= 0x80) {
      this.buf[this.length++] = (v & 0x7f) | 0x80
      v >>>= 7
    }
    this.buf[this.length++] = v
  }

  byte(value: number): void {
    if (this.length + 1 > this.buf.length) this.grow(1)
    this.buf[this.length++] = value
  }

  bytes(data: Uint8Array): void {
    if (this.length + data.length > this.buf.length) this.grow(data.length)
    this.buf.set(data, this.length)
    this.length += data.length
  }

  /** A copy trimmed to the written length. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.length)
  }
}

/** Number of bytes `value` takes as a varint. */
export function varintSize(value: number): number {
  let n = 1
  let v = value >>> 0
  while (v >= 0x80) {
    v >>>= 7
    n++
  }
  return n
}

/**
 * Sequential varint reader over a byte array. `pos` is public so hot loops can inline reads.
 */
export class ByteReader {
  constructor(
    readonly buf: Uint8Array,
    public pos = 0,
  ) {}

  varint(): number {
    const buf = this.buf
    let b = buf[this.pos++]
    let v = b & 0x7f
    let shift = 7
    while (b >= 0x80) {
      b = buf[this.pos++]
      v |= (b & 0x7f) << shift
      shift += 7
    }
    return v >>> 0
  }
}

/** Let the event loop run (I/O, timers, queries) before continuing a long job. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}

/**
 * Cuts long synchronous work into slices: `due()` is true once `sliceMs` has passed since the
 * last yield, so callers `if (t.due()) await t.yield()` in their loops.
 */
export class TimeSlicer {
  private last = performance.now()

  constructor(private readonly sliceMs = 15) {}

  due(): boolean {
    return performance.now() - this.last >= this.sliceMs
  }

  async yield(): Promise<void> {
    await yieldToLoop()
    this.last = performance.now()
  }
}
