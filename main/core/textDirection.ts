/**
 * The writing direction of a text, for `dir`: right to left when most of its letters are of a
 * right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko…), or when its language is one and
 * it has such letters. Unlike `dir="auto"`, a first Latin word (an outlet's name, "BBC", "AFP")
 * does not turn an Arabic paragraph left to right. Pure; the renderer has a twin in
 * renderer/src/ui/textDirection.ts (it imports nothing from main but types).
 */
export type TextDirection = 'rtl' | 'ltr' | 'auto'

const RTL_LETTERS = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/gu
const LTR_LETTERS =
  /[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Devanagari}\p{Script=Thai}\p{Script=Armenian}\p{Script=Georgian}]/gu
const RTL_LANGUAGE = /^(?:ar|arc|ckb|dv|fa|he|iw|ks|ku-arab|ps|sd|syr|ug|ur|yi)(?:[-_]|$)/i
/** Enough text to decide; a whole body is not needed. */
const SAMPLE = 4000

export function textDirection(text: string, language?: string): TextDirection {
  const sample = text.slice(0, SAMPLE)
  const rtl = sample.match(RTL_LETTERS)?.length ?? 0
  const ltr = sample.match(LTR_LETTERS)?.length ?? 0
  if (rtl === 0 && ltr === 0) return 'auto'
  if (rtl > ltr) return 'rtl'
  if (rtl > 0 && language && RTL_LANGUAGE.test(language)) return 'rtl'
  return ltr > 0 ? 'ltr' : 'rtl'
}
