import { describe, expect, it } from 'vitest'
import { textDirection } from './textDirection'

describe('textDirection', () => {
  it('is rtl for Arabic, Hebrew and Persian, even when a Latin word comes first', () => {
    expect(textDirection('BBC: قوات سوريا الديمقراطية تدخل مدينة الرقة')).toBe('rtl')
    expect(textDirection('AFP — הכוחות נכנסו לעיר מן המזרח')).toBe('rtl')
    expect(textDirection('2017 نیروهای سوریه دموکراتیک وارد رقه شدند')).toBe('rtl')
  })

  it('is ltr for Latin, Cyrillic and CJK text, even with an Arabic name in it', () => {
    expect(textDirection('Kurdish-led forces enter Raqa (الرقة) on Tuesday')).toBe('ltr')
    expect(textDirection('Курдские силы вошли в Ракку')).toBe('ltr')
    expect(textDirection('库尔德武装进入拉卡')).toBe('ltr')
  })

  it('lets the language decide a mixed text, and says auto without letters', () => {
    expect(textDirection('AFP Reuters AP الرقة', 'ar')).toBe('rtl')
    expect(textDirection('AFP Reuters AP الرقة', 'en')).toBe('ltr')
    expect(textDirection('2017 — 42', 'ar')).toBe('auto')
  })
})

describe('the renderer’s twin', () => {
  it('is the same function', async () => {
    const { readFile } = await import('node:fs/promises')
    const body = (path: string) =>
      readFile(path, 'utf8').then((t) => t.slice(t.indexOf('export type TextDirection')))
    expect(await body(`${__dirname}/../../renderer/src/ui/textDirection.ts`)).toBe(
      await body(`${__dirname}/textDirection.ts`),
    )
  })
})
