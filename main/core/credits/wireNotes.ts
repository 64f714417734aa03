import { WIRE_NOTES } from './creditData'

const NOTE_AT_END = new RegExp(`[\\s.,;:*|–—-]*\\b(?:${WIRE_NOTES.join('|')})[\\s.,;:*]*$`, 'u')
const CASELESS_NOTE_AT_END = new RegExp(
  `[\\s.,;:*|–—-]*\\b(?:${WIRE_NOTES.slice(0, -1).join('|')})[\\s.,;:*]*$`,
  'iu',
)

/**
 * Drop the notes wires append after a credit (`THIS IMAGE HAS BEEN SUPPLIED BY A THIRD PARTY.`,
 * `NO RESALES. NO ARCHIVES`, `ORIGINAL CAPTION: …`, a transmission code such as `XAV101`, a
 * trailing `FILE`), repeatedly, so `REUTERS/Name ATTENTION EDITORS - … NO RESALES` keeps only the
 * credit. Codes and the capitalised words are matched as written; the notes in any case.
 */
export function stripWireNotes(text: string): string {
  let out = text.trim()
  for (;;) {
    const before = out
    const cut = CASELESS_NOTE_AT_END.exec(out) ?? NOTE_AT_END.exec(out)
    if (cut && cut.index > 0) out = out.slice(0, cut.index).trim()
    if (out === before) return out
  }
}
