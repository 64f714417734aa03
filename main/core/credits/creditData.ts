/**
 * The vocabulary of photo credits, as data: known agencies (with their aliases), marker words
 * that fill the photographer slot without naming anyone, label words that introduce a credit, and
 * the words that make a name an organisation. The parser's logic lives in parseCredit.ts; extend
 * these lists rather than adding special cases there.
 */

/** A known organisation: a canonical id and every spelling seen in credits. */
export interface KnownAgency {
  id: string
  /** Spellings, compared case-insensitively with a leading "The" ignored. */
  aliases: string[]
  /**
   * In this agency's credit format the person named before it is the *subject* pictured, not the
   * photographer (German dts: `Foto: Stephan Weil (Archiv), via dts Nachrichtenagentur`).
   */
  namesSubject?: boolean
}

export const KNOWN_AGENCIES: readonly KnownAgency[] = [
  { id: 'afp', aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse', 'AFP Photo'] },
  { id: 'ap', aliases: ['AP', 'Associated Press', 'AP Photo', 'AP Images'] },
  { id: 'reuters', aliases: ['Reuters', 'Thomson Reuters'] },
  {
    id: 'epa',
    aliases: ['EPA', 'EPA-EFE', 'EPA/EFE', 'European Pressphoto Agency', 'European Press Agency'],
  },
  { id: 'efe', aliases: ['EFE', 'Agencia EFE'] },
  { id: 'getty', aliases: ['Getty Images', 'Getty', 'Getty Images News', 'Getty Images Sport'] },
  { id: 'shutterstock', aliases: ['Shutterstock', 'REX/Shutterstock', 'REX', 'Rex Features'] },
  { id: 'cp', aliases: ['Canadian Press', 'La Presse Canadienne'] },
  { id: 'bloomberg', aliases: ['Bloomberg', 'Bloomberg News'] },
  { id: 'nyt', aliases: ['New York Times', 'NYT', 'NY Times'] },
  { id: 'washington-post', aliases: ['Washington Post'] },
  { id: 'guardian', aliases: ['Guardian', 'Observer'] },
  { id: 'usa-today', aliases: ['USA Today', 'USA TODAY Sports', 'USA Today Network'] },
  { id: 'pa', aliases: ['PA', 'PA Images', 'PA Wire', 'Press Association', 'PA Media'] },
  { id: 'dpa', aliases: ['dpa', 'dpa picture alliance', 'picture alliance', 'picture-alliance'] },
  { id: 'anadolu', aliases: ['Anadolu', 'Anadolu Agency', 'AA'] },
  { id: 'xinhua', aliases: ['Xinhua', 'Xinhua News Agency', '新华社', '新華社'] },
  { id: 'tass', aliases: ['TASS', 'ITAR-TASS'] },
  { id: 'sputnik', aliases: ['Sputnik', 'RIA Novosti', 'Sputnik Photo Agency'] },
  { id: 'ansa', aliases: ['ANSA'] },
  { id: 'kyodo', aliases: ['Kyodo', 'Kyodo News'] },
  { id: 'yonhap', aliases: ['Yonhap', 'Yonhap News Agency'] },
  { id: 'zuma', aliases: ['ZUMA Press', 'ZUMA Wire', 'ZUMA'] },
  { id: 'sipa', aliases: ['Sipa', 'SIPA Press', 'Sipa USA'] },
  { id: 'abaca', aliases: ['ABACA', 'Abacapress'] },
  { id: 'alamy', aliases: ['Alamy', 'Alamy Stock Photo'] },
  { id: 'corbis', aliases: ['Corbis'] },
  { id: 'istock', aliases: ['iStock', 'iStockphoto'] },
  { id: 'dreamstime', aliases: ['Dreamstime', 'Dreamstime.com'] },
  { id: 'nurphoto', aliases: ['NurPhoto'] },
  { id: 'lightrocket', aliases: ['LightRocket'] },
  { id: 'uig', aliases: ['UIG', 'Universal Images Group'] },
  { id: 'digital-vision', aliases: ['Digital Vision'] },
  { id: 'photodisc', aliases: ['Photodisc'] },
  { id: 'moodboard', aliases: ['Moodboard'] },
  { id: 'ntb', aliases: ['NTB', 'NTB Scanpix', 'Scanpix'] },
  { id: 'anp', aliases: ['ANP'] },
  { id: 'belga', aliases: ['Belga'] },
  { id: 'keystone', aliases: ['Keystone'] },
  { id: 'imago', aliases: ['imago', 'imago images'] },
  { id: 'dts', aliases: ['dts', 'dts Nachrichtenagentur'], namesSubject: true },
  { id: 'flash90', aliases: ['Flash90', 'Flash 90'] },
  { id: 'sana', aliases: ['SANA'] },
  { id: 'irna', aliases: ['IRNA'] },
  { id: 'wana', aliases: ['WANA'] },
  { id: 'ukrinform', aliases: ['Ukrinform'] },
  { id: 'agencia-brasil', aliases: ['Agencia Brasil', 'Agência Brasil'] },
  { id: 'kcna', aliases: ['KCNA'] },
  { id: 'la-nacion', aliases: ['La Nación', 'La Nacion'] },
  { id: 'clarin', aliases: ['Clarín', 'Clarin'] },
  { id: 'folhapress', aliases: ['Folhapress'] },
  { id: 'estadao', aliases: ['Estadão', 'Estadao', 'Estadão Conteúdo'] },
  { id: 'telam', aliases: ['Télam', 'Telam'] },
  { id: 'notimex', aliases: ['Notimex'] },
  { id: 'europa-press', aliases: ['Europa Press'] },
  { id: 'science-photo-library', aliases: ['Science Photo Library', 'SPL'] },
  { id: 'cnn', aliases: ['CNN'] },
  { id: 'npr', aliases: ['NPR'] },
  { id: 'ctk', aliases: ['ČTK', 'CTK'] },
  { id: 'bbc', aliases: ['BBC'] },
  { id: 'pti', aliases: ['PTI', 'Press Trust of India'] },
  { id: 'ians', aliases: ['IANS'] },
  { id: 'ani', aliases: ['ANI'] },
  { id: 'ullstein', aliases: ['ullstein bild', 'ullstein'] },
  { id: 'wenn', aliases: ['WENN'] },
  { id: 'sopa', aliases: ['SOPA Images'] },
  { id: 'mirrorpix', aliases: ['Mirrorpix'] },
  { id: 'bridgeman', aliases: ['Bridgeman Images', 'Bridgeman'] },
  { id: 'unsplash', aliases: ['Unsplash'] },
  { id: 'magnum', aliases: ['Magnum', 'Magnum Photos'] },
  { id: 'noor', aliases: ['NOOR'] },
  { id: 'vii', aliases: ['VII'] },
  { id: 'polaris', aliases: ['Polaris'] },
  { id: 'redux', aliases: ['Redux', 'Redux Pictures'] },
  { id: 'nasa', aliases: ['NASA'] },
  { id: 'wikimedia', aliases: ['Wikimedia Commons', 'Wikimedia', 'Wikipedia'] },
]

/**
 * Words that sit in the photographer slot without naming a person: anonymous stringers,
 * handouts, pool and file markers, "droits réservés". Compared case-insensitively.
 */
export const MARKER_WORDS: readonly string[] = [
  'STR',
  'Stringer',
  'Handout',
  'HO',
  'File',
  'Files',
  'File Photo',
  'File Picture',
  'Archive',
  'Archiv',
  'Pool',
  'Pool Photo',
  'DR',
  'Staff',
  'Staff Photographer',
  'Courtesy',
  'Photo',
  'Photos',
  'Foto',
  'Image',
  'Picture',
  'Credit',
  'Handout Photo',
  'Handout Picture',
  'Reuters Staff',
  'Illustration',
  'Photo Illustration',
  'Photo montage',
  'Montage',
  'Screengrab',
  'Screenshot',
  'Supplied',
  'Contributed',
  'Submitted',
  'Submitted photo',
  'Provided',
  'Unknown',
  'Anonymous',
]

/**
 * Marker words that, inside a longer name, make it a placeholder rather than a person:
 * `WPA Pool`, `Reuters Staff`, `Government Handout`.
 */
export const MARKER_NAME_WORDS: readonly string[] = ['pool', 'handout', 'stringer', 'staff']

/**
 * Labels that introduce a credit and are not part of it (`Photo:`, `Credit:`, `©`…), as regular
 * expression sources matched at the start of the credit, case-insensitively. Longest first.
 */
export const LEADING_LABELS: readonly string[] = [
  'mandatory\\s+credit\\s*:',
  // NYT copied as text: `Credit...Name`, `Credit…Name`.
  'credit\\s*(?:\\.{2,}|…)',
  'photographer\\s*:',
  'photo\\s+illustration\\s*:',
  'illustrations?\\s*:',
  'composite\\s*:',
  'photo\\s+credit\\s+should\\s+read',
  'photo\\s+credits?\\s*:',
  'image\\s+credits?\\s*:',
  'picture\\s+credits?\\s*:',
  'credits?\\s*:',
  'cr[ée]dits?\\s+photos?\\s*:',
  'image\\s+(?:copyright|source)\\s*[:,]?',
  'foto\\s*/\\s*quelle\\s*:',
  'quelle\\s*:',
  'bildquelle\\s*:',
  'fuente\\s*:',
  'fonte\\s*:',
  'cr(?:é|e)dito\\s*:',
  'imagen\\s*:',
  'fotograf(?:í|i)a\\s*:',
  'beeld\\s*:',
  'kuva\\s*:',
  'zdj(?:ę|e)cie\\s*:',
  '(?:图片来源|圖片來源|图片|圖片|来源|來源|摄影|攝影|图|圖)\\s*:',
  'photographs?\\s*:',
  'photos?\\s*:',
  'pictures?\\s*:',
  'pics?\\s*:',
  'images?\\s*:',
  'fotos?\\s*:',
  'bild\\s*:',
  'source\\s*:',
  'copyright\\s*:?',
  '©',
  '\\(c\\)',
]

/**
 * Phrases that introduce a maker inside one segment (`Photo by`, `Photo Illustration by`,
 * `montage by`, Norwegian `montasje av`), as regular expression sources, case-insensitive.
 */
export const MAKER_PHRASES: readonly string[] = [
  '(?:photo(?:graph)?s?|pictures?|images?|fotos?|illustrations?|video|photo\\s+illustration|photo\\s+montage|montage|montasje|graphic|artwork|drawing)\\s+(?:by|av|von|par|de|di|door)\\b',
  '(?:(?:photo|foto|picture|image)s?\\s+)?(?:kind\\s+)?courtesy(?:\\s+of)?\\b',
  '(?:provided|supplied|distributed|handed\\s+out)\\s+by\\b',
  // Spanish and Portuguese: `Fotoilustración de`, `Fotografía de`, `Foto por`.
  '(?:foto\\s*ilustraci(?:ón|on|ones)|fotograf(?:í|i)as?|ilustraci(?:ón|on)|fotos?)\\s+(?:de|por)\\b',
]

/**
 * The service word alone before a name (`Photo Prakash Mathema`, `photo AFP`). Matched
 * case-sensitively on the name's capital, so `picture alliance` stays a name.
 */
export const SERVICE_WORD_BEFORE_NAME =
  /^(?:[Pp]hoto(?:graph)?s?|PHOTO|[Ff]otos?|FOTO|[Pp]ictures?|PICTURE)\s+(?=\p{Lu})/u

/** Words that join credit parts: distributor, commission and chain words. */
export const JOIN_WORDS: readonly string[] = [
  'via',
  'vía',
  'for',
  'para',
  'pour',
  'für',
  'through',
  // `Photo by Name on Unsplash`
  'on',
]

/**
 * A name containing one of these words (whole word, case-insensitive) is an organisation, not a
 * person: `Print Collector`, `Reuters TV`, `The Seattle Times`, `Ngatiwai Trust Board`.
 */
export const ORGANISATION_WORDS: readonly string[] = [
  'agency',
  'agence',
  'agencia',
  'agência',
  'agentur',
  'nachrichtenagentur',
  'archive',
  'archives',
  'association',
  'board',
  'bureau',
  'channel',
  'club',
  'collection',
  'collector',
  'college',
  'company',
  'consulting',
  'corp',
  'corporation',
  'council',
  'army',
  'centre',
  'center',
  'commons',
  'corps',
  'department',
  'design',
  'embassy',
  'entertainment',
  'festival',
  'films',
  'forces',
  'hospital',
  'house',
  'marines',
  'military',
  'navy',
  'palace',
  'parliament',
  'productions',
  'records',
  'school',
  'foundation',
  'gallery',
  'government',
  'group',
  'herald',
  'images',
  'inc',
  'institute',
  'journal',
  'library',
  'limited',
  'llc',
  'ltd',
  'magazine',
  'media',
  'ministry',
  'museum',
  'network',
  'news',
  'newspaper',
  'office',
  'photos',
  'pictures',
  'police',
  'post',
  'press',
  'publishing',
  'service',
  'services',
  'society',
  'sports',
  'stock',
  'studio',
  'studios',
  'telegraph',
  'times',
  'today',
  'trust',
  'tv',
  'university',
  'wire',
  'ministère',
  'ministerium',
]

/**
 * Articles that open an organisation's name in other languages, as `The` does in English
 * (`La Nación`, `El País`, `Die Zeit`, `Il Post`).
 */
export const FOREIGN_ARTICLES: readonly string[] = ['la', 'el', 'los', 'las', 'les', 'die', 'il']

/** Lower-case particles that may appear inside a person's name (`Salah ben Mahmoud`). */
export const NAME_PARTICLES: readonly string[] = [
  'al',
  'bin',
  'ben',
  'da',
  'das',
  'de',
  'del',
  'della',
  'der',
  'den',
  'di',
  'do',
  'dos',
  'du',
  'el',
  'la',
  'le',
  'ter',
  'ten',
  'van',
  'von',
  'y',
  'zu',
]

/**
 * Words that never appear in a name, person's or organisation's: a part containing one is prose
 * (`Join Our Channels`, `the US military said it had struck…`).
 */
export const PROSE_WORDS: readonly string[] = [
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'has',
  'have',
  'had',
  'will',
  'would',
  'can',
  'could',
  'should',
  'said',
  'says',
  'told',
  'it',
  'its',
  'he',
  'she',
  'they',
  'his',
  'her',
  'their',
  'our',
  'your',
  'you',
  'we',
  'us',
  'this',
  'that',
  'these',
  'those',
  'which',
  'who',
  'not',
  'join',
  'share',
  'follow',
  'read',
  'more',
  'click',
  'subscribe',
  'sign',
  'advertisement',
  'related',
  'see',
  'also',
  'here',
]

/**
 * Small lower-case words allowed inside organisation names (`Library of Congress`, `Press Trust
 * of India`) but not in a person's name.
 */
export const NAME_CONNECTIVES: readonly string[] = [
  'of',
  'and',
  'the',
  'for',
  'de',
  'du',
  'des',
  'la',
  'le',
  'del',
  'di',
  'y',
  'et',
  'und',
  '&',
]

/**
 * Trailing wire junk after a credit that is part of neither caption nor credit: Reuters'
 * `(UNITED STATES - Tags: ENTERTAINMENT)` blocks, `TPX IMAGES OF THE DAY`, `PICTURE TAKEN WITH A
 * DRONE`.
 */
export const TRAILING_WIRE_JUNK =
  /\s*(?:\((?:[^()]*\s-\s)?tags:[^()]*\)|\bTPX IMAGES OF THE (?:DAY|WEEK)|\bPICTURE TAKEN [^.]{0,60}\.?)\s*$/i

/** Instructions appended to credits (`*MANDATORY CREDIT*`, `NO SALES`): not names. */
export const CREDIT_INSTRUCTIONS =
  /[\s,;.]*(?:\*+\s*)?\b(?:mandatory\s+credit|no\s+sales|no\s+archives|editorial\s+use\s+only|all\s+rights\s+reserved)\b\.?(?:\s*\*+)?[\s.]*$/i
