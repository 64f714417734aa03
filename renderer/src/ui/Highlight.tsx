/** Text with `[start, end)` ranges wrapped in <mark>; ranges out of bounds are ignored. */
export function Highlight({ text, ranges }: { text: string; ranges: [number, number][] }) {
  const sorted = [...ranges]
    .filter(([s, e]) => s >= 0 && e > s && s < text.length)
    .sort((a, b) => a[0] - b[0])
  const parts: React.ReactNode[] = []
  let at = 0
  for (const [s, e] of sorted) {
    if (s < at) continue
    if (s > at) parts.push(text.slice(at, s))
    parts.push(<mark key={s}>{text.slice(s, Math.min(e, text.length))}</mark>)
    at = Math.min(e, text.length)
  }
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
