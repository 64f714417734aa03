import { describe, expect, it } from 'vitest'
import { extractPage } from './extractPage'

const REAL = [
  'The first real paragraph of the article talks about the harbour strike and its causes at length.',
  'The second real paragraph explains what the union asked for and what the port authority offered.',
  'The third real paragraph quotes a docker who has worked at the port for twenty years.',
]

// Mutation-XSS markup as it is published to trick sanitisers: each swallows what follows it.
const PAYLOADS = {
  'noscript closed inside an attribute': `<noscript><p title="</noscript><img src=x onerror=alert(1)>">`,
  'style in MathML inside a table': `<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>`,
  'form and mglyph nesting': `<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>`,
  'style under mi in a table': `<math><mi><table><mi><style><img src=x onerror=alert(1)>`,
}

function page(payload: string, at: number): string {
  const paras = REAL.map((r, i) => (i === at ? `${payload}<p>${r}</p>` : `<p>${r}</p>`)).join('\n')
  return `<!doctype html><html><head><title>Strike at the port</title></head><body><article><h1>Strike at the port</h1>${paras}</article></body></html>`
}

describe('text swallowed by mutation-XSS markup', () => {
  for (const [name, payload] of Object.entries(PAYLOADS)) {
    it(`keeps every real paragraph after ${name}`, () => {
      for (const at of [0, 1, 2]) {
        const { paragraphs } = extractPage(page(payload, at))
        const text = paragraphs.join('\n')
        for (const r of REAL) expect(text).toContain(r)
        expect(text).not.toMatch(/onerror|<img/i)
      }
    })
  }

  it('leaves real CSS and fallback content alone', () => {
    const html = `<!doctype html><html><head><title>T</title></head><body><article><h1>T</h1>
<style>.a::before { content: "<p>"; } .b { color: red }</style>
<noscript><p>Please enable JavaScript to see the comments below this article.</p></noscript>
${REAL.map((r) => `<p>${r}</p>`).join('')}</article></body></html>`
    const { paragraphs } = extractPage(html)
    expect(paragraphs.join(' ')).not.toContain('color: red')
    expect(paragraphs.join(' ')).not.toContain('Please enable JavaScript')
    for (const r of REAL) expect(paragraphs.join(' ')).toContain(r)
  })
})
