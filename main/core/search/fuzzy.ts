/**
 * Optimal-string-alignment distance bounded by `max` (insert, delete, substitute, swap two
 * neighbours: the edits lunr's fuzzy TokenSet allows). Returns true when `a` and `b` are within
 * `max` edits. Stops a row early once every cell exceeds `max`.
 */
/** Reused DP rows (queries run one at a time). */
const rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

export function withinEdits(a: string, b: string, max: number): boolean {
  const la = a.length
  const lb = b.length
  if (Math.abs(la - lb) > max) return false
  if (max === 0) return a === b
  if (rows[0].length <= lb) for (let r = 0; r < 3; r++) rows[r] = new Int32Array(lb + 16)
  let prev2 = rows[0]
  let prev = rows[1]
  let cur = rows[2]
  for (let j = 0; j <= lb; j++) prev[j] = j
  for (let i = 1; i <= la; i++) {
    cur[0] = i
    let rowMin = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1)
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca === cb ? 0 : 1))
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb)
        v = Math.min(v, prev2[j - 2] + 1)
      cur[j] = v
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return false
    const t = prev2
    prev2 = prev
    prev = cur
    cur = t
  }
  return prev[lb] <= max
}
