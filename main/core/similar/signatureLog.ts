import fs from 'node:fs/promises'
import path from 'node:path'
import { crc32 } from 'node:zlib'
import { writeFileDurably } from '../storage/durableFile'
import { NUM_HASHES, type Signature } from './minhash'
import { SHINGLE_WORDS } from './shingles'

/**
 * The near-duplicate index on disk: one append-only log, `similar/signatures.log`. Each record
 * is an item's signature with the ids of the near duplicates found when it was added, or a
 * deletion. Replaying the log rebuilds the signatures and the similarity graph exactly, without
 * shingling anything again; an import appends one fsynced batch (a few hundred bytes an item).
 * Every record carries its length and a CRC-32, so a torn last write is detected and dropped.
 * When dead records outnumber live ones the log is rewritten (temp file + fsync + rename).
 */

const MAGIC = Buffer.from('MGSIM\u00001\n', 'latin1')
/** Bump when shingling or signatures change: an old log is then recomputed from the items. */
const FORMAT = 2
const HEADER_BYTES = MAGIC.length + 8
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1

export type LogRecord =
  | {
      type: 'add'
      id: string
      /** Hash of the text the signature was made from (unchanged text → no new record). */
      textHash: number
      signature: Signature
      /** Near duplicates already archived when this item was added. */
      neighbours: string[]
    }
  | { type: 'delete'; id: string }

function header(): Buffer {
  const b = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(b, 0)
  b.writeUInt16LE(NUM_HASHES, MAGIC.length)
  b.writeUInt16LE(SHINGLE_WORDS, MAGIC.length + 2)
  b.writeUInt32LE(FORMAT, MAGIC.length + 4)
  return b
}

function encodeRecord(r: LogRecord): Buffer {
  const id = Buffer.from(r.id, 'utf8')
  const parts: Buffer[] = [Buffer.from([r.type === 'add' ? 1 : 2, id.length]), id]
  if (r.type === 'add') {
    const fixed = Buffer.alloc(4 + NUM_HASHES * 2 + 2)
    fixed.writeUInt32LE(r.textHash >>> 0, 0)
    for (let i = 0; i < NUM_HASHES; i++) fixed.writeUInt16LE(r.signature[i], 4 + i * 2)
    fixed.writeUInt16LE(r.neighbours.length, 4 + NUM_HASHES * 2)
    parts.push(fixed)
    for (const n of r.neighbours) {
      const nb = Buffer.from(n, 'utf8')
      parts.push(Buffer.from([nb.length]), nb)
    }
  }
  const payload = Buffer.concat(parts)
  const head = Buffer.alloc(8)
  head.writeUInt32LE(payload.length, 0)
  head.writeUInt32LE(crc32(payload), 4)
  return Buffer.concat([head, payload])
}

function decodePayload(p: Buffer): LogRecord {
  const type = p[0]
  const idLen = p[1]
  const id = p.toString('utf8', 2, 2 + idLen)
  if (type === 2) return { type: 'delete', id }
  let at = 2 + idLen
  const textHash = p.readUInt32LE(at)
  at += 4
  // Little-endian on disk: copied byte for byte on little-endian machines.
  const signature = new Uint16Array(NUM_HASHES)
  if (LITTLE_ENDIAN) new Uint8Array(signature.buffer).set(p.subarray(at, at + NUM_HASHES * 2))
  else for (let i = 0; i < NUM_HASHES; i++) signature[i] = p.readUInt16LE(at + i * 2)
  at += NUM_HASHES * 2
  const count = p.readUInt16LE(at)
  at += 2
  const neighbours: string[] = []
  for (let i = 0; i < count; i++) {
    const len = p[at]
    neighbours.push(p.toString('utf8', at + 1, at + 1 + len))
    at += 1 + len
  }
  return { type: 'add', id, textHash, signature, neighbours }
}

export interface LogContents {
  records: LogRecord[]
  /** False when the file is missing or was written with other parameters. */
  usable: boolean
  /** Bytes of intact records (a torn tail beyond is ignored and cut off before appending). */
  validBytes: number
}

/** Read the log; a missing, foreign or outdated file reads as unusable (recompute). */
export async function readLog(file: string): Promise<LogContents> {
  let data: Buffer
  try {
    data = await fs.readFile(file)
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT')
      return { records: [], usable: false, validBytes: 0 }
    throw err
  }
  if (data.length < HEADER_BYTES || !data.subarray(0, HEADER_BYTES).equals(header()))
    return { records: [], usable: false, validBytes: 0 }
  const records: LogRecord[] = []
  let at = HEADER_BYTES
  let sliceStart = performance.now()
  while (at + 8 <= data.length) {
    // 100k records take a while to decode: let the event loop run in between.
    if ((records.length & 1023) === 0 && performance.now() - sliceStart > 12) {
      await new Promise<void>((resolve) => setImmediate(resolve))
      sliceStart = performance.now()
    }
    const len = data.readUInt32LE(at)
    const sum = data.readUInt32LE(at + 4)
    if (at + 8 + len > data.length) break
    const payload = data.subarray(at + 8, at + 8 + len)
    if (crc32(payload) !== sum) break
    try {
      records.push(decodePayload(payload))
    } catch {
      break
    }
    at += 8 + len
  }
  return { records, usable: true, validBytes: at }
}

/** Append records durably (one write + fsync); creates the file with its header if needed. */
export async function appendLog(
  file: string,
  records: readonly LogRecord[],
  validBytes: number,
): Promise<number> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  const body = Buffer.concat(records.map(encodeRecord))
  const handle = await fs.open(file, 'a+')
  try {
    const { size } = await handle.stat()
    let start = size
    if (size < HEADER_BYTES || validBytes < HEADER_BYTES) {
      await handle.truncate(0)
      await handle.write(header(), 0, HEADER_BYTES, 0)
      start = HEADER_BYTES
    } else if (size > validBytes) {
      // A torn record from a crash: cut it off before writing after it.
      await handle.truncate(validBytes)
      start = validBytes
    }
    await handle.write(body, 0, body.length, start)
    await handle.sync()
    return start + body.length
  } finally {
    await handle.close()
  }
}

/** Replace the log with exactly `records` (compaction), atomically. Returns its size. */
export async function rewriteLog(
  file: string,
  records: readonly LogRecord[],
  tmpDir: string,
): Promise<number> {
  await fs.mkdir(path.dirname(file), { recursive: true })
  await fs.mkdir(tmpDir, { recursive: true })
  const data = Buffer.concat([header(), ...records.map(encodeRecord)])
  await writeFileDurably(file, data, { tmpDir })
  return data.length
}
