import { feedImporter } from './feed/feedImporter'
import { htmlImporter } from './html'
import { imageImporter } from './image/imageImporter'
import type { Importer } from './importer'
import { jsonImporter } from './json/jsonImporter'
import { markdownImporter } from './markdown'
import { plainTextImporter } from './plainText'

/**
 * Every importer, most specific first: the archive gives a file to the first that accepts it
 * (by extension, MIME type or first bytes). Plain text is last: it is the fallback for
 * extension-less text.
 */
export function defaultImporters(): Importer[] {
  return [
    jsonImporter,
    feedImporter,
    htmlImporter,
    imageImporter,
    markdownImporter,
    plainTextImporter,
  ]
}
