/**
 * Pictures a page shows that are not the story's photos: logos, icons, avatars and author
 * headshots, emoji, social and share buttons, badges, sprites, spacers and tracking pixels.
 * Told by size (a declared side under `MIN_PHOTO_SIDE`), role (`role=presentation|none`,
 * `aria-hidden`), file type (SVG) and names (the image's address, and the class, id and alt of
 * the image and its near ancestors), as readers and archivers (Readability, Pocket) do.
 */

/** Declared width or height below this: an icon, a button or a pixel. */
export const MIN_PHOTO_SIDE = 100

// Words of class names, ids and alt text that mark a non-photo (whole words or joined by - _).
const DECORATIVE_NAME =
  /(?:^|[\s_-])(?:logo|logos|logotype|icon|icons|favicon|avatar|avatars|gravatar|emoji|emoticon|sprite|badge|spacer|pixel|tracking|tracker|beacon|share|sharing|social|social-?media|btn|button|author-?(?:photo|image|img|pic|avatar|thumb|headshot)|byline-?(?:photo|image|img|avatar|headshot)|profile-?(?:pic|photo|image)|headshot|mugshot)(?:$|[\s_-])/i
// Path segments or file names of the same kind (`/static/logo.png`, `icons/share_fb.svg`).
const DECORATIVE_PATH =
  /(?:^|[/_.-])(?:logo|logos|icon|icons|favicon|avatar|avatars|gravatar|emoji|sprite|sprites|badge|badges|spacer|pixel|blank|transparent|tracking|share|social|btn|button)(?:[/_.-]|$)/i
// Hosts and paths of analytics and ad pixels.
const TRACKER =
  /(?:doubleclick\.net|google-analytics\.com|googletagmanager\.com|facebook\.com\/tr|scorecardresearch\.com|quantserve\.com|chartbeat\.net|pixel\.|\/pixel\b|\/beacon\b|\/track(?:ing)?\b)/i
const SOCIAL_HOST =
  /(?:^|\.)(?:facebook|twitter|x|linkedin|pinterest|whatsapp|instagram|reddit|tumblr)\.com$/i

/** Whether an image address names a logo, an icon, an avatar, a pixel or a social button. */
export function isDecorativeSrc(src: string): boolean {
  let url: URL
  try {
    url = new URL(src, 'http://page.invalid/')
  } catch {
    return false
  }
  if (/^data:image\/(?:gif|svg)/i.test(src)) return true
  if (/\.svg$/i.test(url.pathname)) return true
  if (TRACKER.test(src) || SOCIAL_HOST.test(url.hostname)) return true
  return DECORATIVE_PATH.test(decodeURIComponentSafe(url.pathname))
}

/** Whether an `<img>` is decoration or furniture, not a photo of the story. */
export function isDecorativeImage(img: Element, src?: string): boolean {
  const side = (name: string) => Number.parseInt(img.getAttribute(name) ?? '', 10)
  if ([side('width'), side('height')].some((n) => n > 0 && n < MIN_PHOTO_SIDE)) return true
  const role = img.getAttribute('role')?.toLowerCase()
  if (role === 'presentation' || role === 'none' || img.getAttribute('aria-hidden') === 'true') {
    return true
  }
  if (src && isDecorativeSrc(src)) return true
  let el: Element | null = img
  for (let level = 0; el && level < 3; level++, el = el.parentElement) {
    if (/^(?:BODY|HTML|ARTICLE|MAIN)$/.test(el.tagName)) break
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`
    if (DECORATIVE_NAME.test(names)) return true
  }
  return (
    DECORATIVE_NAME.test(img.getAttribute('alt') ?? '') && !hasSentence(img.getAttribute('alt'))
  )
}

/** Alt text that is a caption (a sentence of several words), not a label such as "Logo". */
function hasSentence(alt: string | null): boolean {
  return (alt ?? '').trim().split(/\s+/).length >= 6
}

function decodeURIComponentSafe(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
