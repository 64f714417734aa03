/**
 * The vocabulary of photo credits, as data: known agencies (with their aliases), marker words
 * that fill the photographer slot without naming anyone, label words that introduce a credit, and
 * the words that make a name an organisation. The parser's logic lives in parseCredit.ts; extend
 * these lists rather than adding special cases there.
 */

/** A known organisation: a canonical id and every spelling seen in credits. */
export interface KnownAgency {
  id: string
  /** The canonical name shown to users; the first alias when absent. */
  name?: string
  /** Spellings, compared case-insensitively with a leading "The" ignored. */
  aliases: string[]
  /**
   * In this agency's credit format the person named before it is the *subject* pictured, not the
   * photographer (German dts: `Foto: Stephan Weil (Archiv), via dts Nachrichtenagentur`).
   */
  namesSubject?: boolean
}

export const KNOWN_AGENCIES: readonly KnownAgency[] = [
  // Wire services and their photo brands.
  {
    id: 'afp',
    aliases: ['AFP', 'Agence France-Presse', 'Agence France Presse', 'AFP Photo', 'AFP Images'],
  },
  { id: 'ap', aliases: ['AP', 'Associated Press', 'AP Photo', 'AP Images', 'AP Foto', 'APPhoto'] },
  { id: 'reuters', aliases: ['Reuters', 'Thomson Reuters', 'Reuters Pictures'] },
  {
    id: 'epa',
    aliases: [
      'EPA',
      'EPA-EFE',
      'EPA/EFE',
      'European Pressphoto Agency',
      'European Press Agency',
      'EPA Images',
    ],
  },
  { id: 'efe', aliases: ['EFE', 'Agencia EFE'] },
  {
    id: 'getty',
    name: 'Getty Images',
    aliases: [
      'Getty Images',
      'Getty',
      'Getty Images News',
      'Getty Images Sport',
      'Getty Images Entertainment',
      'WireImage',
      'FilmMagic',
    ],
  },
  { id: 'shutterstock', aliases: ['Shutterstock', 'REX/Shutterstock', 'REX', 'Rex Features'] },
  {
    id: 'cp',
    name: 'The Canadian Press',
    aliases: ['Canadian Press', 'La Presse Canadienne', 'CP'],
  },
  { id: 'bloomberg', aliases: ['Bloomberg', 'Bloomberg News'] },
  { id: 'nyt', name: 'The New York Times', aliases: ['New York Times', 'NYT', 'NY Times'] },
  { id: 'washington-post', name: 'The Washington Post', aliases: ['Washington Post'] },
  { id: 'guardian', name: 'The Guardian', aliases: ['Guardian', 'Observer'] },
  { id: 'usa-today', aliases: ['USA Today', 'USA TODAY Sports', 'USA Today Network'] },
  { id: 'pa', aliases: ['PA', 'PA Images', 'PA Wire', 'Press Association', 'PA Media'] },
  {
    id: 'dpa',
    aliases: [
      'dpa',
      'Deutsche Presse-Agentur',
      'dpa picture alliance',
      'picture alliance',
      'picture-alliance',
      'picture alliance/dpa',
      'dpa/picture alliance',
      'dpa Bildfunk',
      'dpa-Bildfunk',
      'dpa-Zentralbild',
      'dpa-tmn',
      'ZB',
    ],
  },
  { id: 'anadolu', aliases: ['Anadolu', 'Anadolu Agency', 'AA', 'Anadolu Ajansı'] },
  { id: 'xinhua', aliases: ['Xinhua', 'Xinhua News Agency', '新华社', '新華社'] },
  { id: 'tass', aliases: ['TASS', 'ITAR-TASS'] },
  { id: 'sputnik', aliases: ['Sputnik', 'RIA Novosti', 'Sputnik Photo Agency'] },
  { id: 'ansa', aliases: ['ANSA', 'Agenzia ANSA'] },
  { id: 'lapresse', aliases: ['LaPresse', 'La Presse'] },
  { id: 'imagoeconomica', aliases: ['Imagoeconomica'] },
  { id: 'fotogramma', aliases: ['Fotogramma'] },
  { id: 'agf', aliases: ['AGF'] },
  { id: 'ipa', aliases: ['IPA', 'IPA Agency'] },
  { id: 'europa-press', aliases: ['Europa Press'] },
  { id: 'kyodo', aliases: ['Kyodo', 'Kyodo News'] },
  { id: 'jiji', aliases: ['Jiji Press', 'Jiji'] },
  { id: 'yonhap', aliases: ['Yonhap', 'Yonhap News Agency'] },
  { id: 'apa', aliases: ['APA', 'APA-Images', 'APA-PictureDesk', 'APA/picturedesk.com'] },
  { id: 'keystone', aliases: ['Keystone', 'KEYSTONE-SDA', 'Keystone-SDA', 'SDA'] },
  { id: 'belga', aliases: ['Belga', 'BELGA'] },
  { id: 'anp', aliases: ['ANP', 'Hollandse Hoogte'] },
  { id: 'ntb', aliases: ['NTB', 'NTB Scanpix', 'Scanpix'] },
  { id: 'tt', aliases: ['TT', 'TT News Agency'] },
  { id: 'ritzau', aliases: ['Ritzau', 'Ritzau Scanpix'] },
  { id: 'lehtikuva', aliases: ['Lehtikuva'] },
  { id: 'ctk', aliases: ['ČTK', 'CTK'] },
  { id: 'pap', aliases: ['PAP'] },
  { id: 'hina', aliases: ['HINA'] },
  { id: 'mti', aliases: ['MTI'] },
  { id: 'ukrinform', aliases: ['Ukrinform'] },
  { id: 'unian', aliases: ['UNIAN'] },
  { id: 'ana-mpa', aliases: ['ANA-MPA', 'Eurokinissi'] },
  { id: 'lusa', aliases: ['Lusa', 'Agência Lusa'] },
  { id: 'agencia-brasil', aliases: ['Agencia Brasil', 'Agência Brasil'] },
  { id: 'telam', aliases: ['Télam', 'Telam'] },
  { id: 'notimex', aliases: ['Notimex'] },
  { id: 'andina', aliases: ['Andina'] },
  { id: 'prensa-latina', aliases: ['Prensa Latina'] },
  { id: 'wafa', aliases: ['WAFA'] },
  { id: 'mena', aliases: ['MENA'] },
  { id: 'sana', aliases: ['SANA'] },
  { id: 'irna', aliases: ['IRNA'] },
  { id: 'wana', aliases: ['WANA', 'West Asia News Agency'] },
  { id: 'kcna', aliases: ['KCNA', 'KCNA via KNS'] },
  { id: 'pti', aliases: ['PTI', 'Press Trust of India'] },
  { id: 'ians', aliases: ['IANS'] },
  { id: 'ani', aliases: ['ANI'] },
  { id: 'aap', aliases: ['AAP', 'AAP Image', 'Australian Associated Press'] },
  // Picture agencies, collections and distributors.
  { id: 'zuma', aliases: ['ZUMA Press', 'ZUMA Wire', 'ZUMA', 'ZUMAPRESS.com'] },
  { id: 'sipa', aliases: ['Sipa', 'SIPA Press', 'Sipa USA'] },
  { id: 'abaca', aliases: ['ABACA', 'Abacapress', 'ABACAPRESS.COM'] },
  { id: 'hans-lucas', aliases: ['Hans Lucas'] },
  { id: 'alamy', aliases: ['Alamy', 'Alamy Stock Photo', 'Alamy Live News'] },
  { id: 'corbis', aliases: ['Corbis'] },
  { id: 'istock', aliases: ['iStock', 'iStockphoto'] },
  { id: 'dreamstime', aliases: ['Dreamstime', 'Dreamstime.com'] },
  { id: 'nurphoto', aliases: ['NurPhoto'] },
  { id: 'lightrocket', aliases: ['LightRocket'] },
  { id: 'sopa', aliases: ['SOPA Images'] },
  { id: 'uig', aliases: ['UIG', 'Universal Images Group'] },
  { id: 'digital-vision', aliases: ['Digital Vision'] },
  { id: 'photodisc', aliases: ['Photodisc'] },
  { id: 'moodboard', aliases: ['Moodboard'] },
  { id: 'icon-sportswire', aliases: ['Icon Sportswire'] },
  { id: 'imago', aliases: ['imago', 'imago images'] },
  { id: 'ullstein', aliases: ['ullstein bild', 'ullstein'] },
  { id: 'akg', aliases: ['akg-images', 'akg images', 'AKG'] },
  { id: 'bpk', aliases: ['bpk', 'bpk-Bildagentur'] },
  { id: 'sueddeutsche-photo', aliases: ['SZ Photo', 'Süddeutsche Zeitung Photo'] },
  { id: 'dts', aliases: ['dts', 'dts Nachrichtenagentur'], namesSubject: true },
  { id: 'flash90', aliases: ['Flash90', 'Flash 90'] },
  { id: 'wenn', aliases: ['WENN'] },
  { id: 'mirrorpix', aliases: ['Mirrorpix'] },
  { id: 'bridgeman', aliases: ['Bridgeman Images', 'Bridgeman'] },
  { id: 'science-photo-library', aliases: ['Science Photo Library', 'SPL'] },
  { id: 'magnum', aliases: ['Magnum', 'Magnum Photos'] },
  { id: 'noor', aliases: ['NOOR'] },
  { id: 'vii', aliases: ['VII'] },
  { id: 'polaris', aliases: ['Polaris'] },
  { id: 'redux', aliases: ['Redux', 'Redux Pictures'] },
  { id: 'unsplash', aliases: ['Unsplash'] },
  { id: 'pixabay', aliases: ['Pixabay'] },
  { id: 'pexels', aliases: ['Pexels'] },
  { id: 'wikimedia', aliases: ['Wikimedia Commons', 'Wikimedia', 'Wikipedia'] },
  // Outlets that credit their own pictures.
  { id: 'la-nacion', aliases: ['La Nación', 'La Nacion'] },
  { id: 'clarin', aliases: ['Clarín', 'Clarin'] },
  { id: 'folhapress', aliases: ['Folhapress'] },
  { id: 'estadao', aliases: ['Estadão', 'Estadao', 'Estadão Conteúdo'] },
  { id: 'cnn', aliases: ['CNN'] },
  { id: 'npr', aliases: ['NPR'] },
  { id: 'bbc', aliases: ['BBC'] },
  { id: 'nasa', aliases: ['NASA'] },
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
  // Other languages: courtesy, archive, private, symbol picture, handout.
  'Cortesía',
  'Cortesia',
  'Courtoisie',
  'Gentileza',
  'Archivo',
  'Archivio',
  'Archives',
  'Privat',
  'Private',
  'Privé',
  'Symbolbild',
  'Symbolfoto',
  'Handout-Foto',
  'Foto de archivo',
  'Photo d’archive',
  "Photo d'archive",
  'Illustrasjon',
  'Ilustración',
  'Illustrazione',
  // Brazilian press: `Divulgação` (handout, press release), `Reprodução` (reproduced from a
  // screen, print or social post), `Arquivo` (archive).
  'Divulgação',
  'Divulgacao',
  'Reprodução',
  'Reproducao',
  'Arquivo',
  '-',
]

/** The role a marker word gives the credit's owner (`Handout` → handout), by lower-case marker. */
export const MARKER_ROLES: Readonly<Record<string, 'courtesy' | 'handout' | 'pool'>> = {
  handout: 'handout',
  ho: 'handout',
  divulgação: 'handout',
  divulgacao: 'handout',
  'handout photo': 'handout',
  'handout picture': 'handout',
  'handout-foto': 'handout',
  supplied: 'handout',
  provided: 'handout',
  contributed: 'courtesy',
  submitted: 'courtesy',
  'submitted photo': 'courtesy',
  courtesy: 'courtesy',
  cortesía: 'courtesy',
  cortesia: 'courtesy',
  courtoisie: 'courtesy',
  gentileza: 'courtesy',
  privat: 'courtesy',
  private: 'courtesy',
  privé: 'courtesy',
  pool: 'pool',
  'pool photo': 'pool',
}

/**
 * Marker words that, inside a longer name, make it a placeholder rather than a person:
 * `WPA Pool`, `Reuters Staff`, `Government Handout`.
 */
export const MARKER_NAME_WORDS: readonly string[] = ['pool', 'stringer', 'staff']

/**
 * A handout marker after an owner's name (`Navy handout`, `Government Handout Photo`): the owner
 * is the organisation, the marker its role. (`WPA Pool` stays a marker: a pool is not an owner.)
 */
export const TRAILING_ROLE_MARKER = /^(.+?)[\s-]+(handout)(?:\s+(?:photo|picture|foto))?$/iu

/**
 * Labels that introduce a credit and are not part of it (`Photo:`, `Credit:`, `©`…), as regular
 * expression sources matched at the start of the credit, case-insensitively. Longest first.
 */
export const LEADING_LABELS: readonly string[] = [
  'mandatory\\s+credit\\s*:?',
  'photo\\s+courtesy\\s+of\\b',
  'bildrechte\\s*:?',
  'bildnachweis\\s*:?',
  'fotonachweis\\s*:?',
  'foto\\s*[/|]\\s*bild\\s*:?',
  'surs[ăa]\\s+foto\\s*:?',
  'ilustrasi(?:\\s+foto)?\\s*:',
  'kredit\\s+foto\\s*:?',
  'cr[ée]dits?\\s+(?:photos?|images?)\\s*:?',
  'cr[ée]dit(?:o|os)?\\s+(?:fotogr[áa]fico|foto)\\s*:?',
  'photocredits?\\s*:?',
  'phot(?:o|os)?\\s+de\\s*:',
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
  // Typos and spacing seen in the wild: `Phot:`, `Photo credit -`, `Credits -`.
  'phot\\s*:',
  'ph(?:o|oto)?\\.?\\s*:',
  '(?:photo\\s+)?credits?\\s+[-–—]',
  'cr[ée]dits?\\s+photos?\\s*:',
  'image\\s+(?:copyright|source)\\s*[:,]?',
  'foto\\s*/\\s*quelle\\s*:',
  'quelle\\s*:',
  'bildquelle\\s*:?',
  'fotoquelle\\s*:?',
  'fuente\\s*:',
  'fonte\\s*:',
  'cr(?:é|e)dito\\s*:',
  'imagen\\s*:',
  'fotograf(?:í|i)a\\s*:',
  'beeld\\s*:',
  // Cyrillic, Greek, Polish, Turkish: `Фото:`, `Источник:`, `Φωτογραφία:`, `Fot.`, `Fotoğraf:`.
  '(?:фото|фотография|снимок|источник|джерело|φωτογραφία|φωτ\\.)\\s*:',
  'fot\\.\\s*:?',
  'foto[ğg]raf\\s*:',
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
  'sources?\\s*:',
  'courtesy\\s*:',
  'copyright\\s*(?:©|\\(c\\))?\\s*:?',
  'copy\\s*right\\s*:?',
  // Misspelt labels with a colon: `Phtoo:`, `Potho:`, `Credti:`, `Cerdit:`.
  '[pf][hoto]{3,5}s?\\s*:',
  'c[redit]{5,6}s?\\s*:',
  'cr[ée]dits?\\s*:',
  'immagine\\s*:',
  'fotografia\\s*:',
  '©',
  '\\(c\\)',
]

/**
 * Phrases that introduce a maker inside one segment (`Photo by`, `Photo Illustration by`,
 * `montage by`, Norwegian `montasje av`), as regular expression sources, case-insensitive.
 */
export const MAKER_PHRASES: readonly string[] = [
  '(?:photo(?:graph)?s?|pictures?|images?|immagini?|fotos?|fotografi[ae]|bild(?:er)?|aufnahmen?|illustrations?|video|photo\\s+illustration|photo\\s+montage|montage|montasje|graphic|artwork|drawing)\\s+(?:by|av|von|par|de|di|door|da)\\b',
  '(?:(?:photo|foto|picture|image)s?\\s+)?(?:kind\\s+)?courtesy(?:\\s+of)?\\b',
  '(?:provided|supplied|distributed|handed\\s+out|released)\\s+by\\b',
  // `Handout photo from the Kremlin press service`, `Photo released by the ministry`.
  '(?:handout\\s+)?(?:photos?|pictures?|images?)\\s+(?:from|released\\s+by|provided\\s+by|distributed\\s+by)\\b',
  // Spanish and Portuguese: `Fotoilustración de`, `Fotografía de`, `Foto por`.
  '(?:foto\\s*ilustraci(?:ón|on|ones)|fotograf(?:í|i)as?|ilustraci(?:ón|on)|fotos?)\\s+(?:de|por)\\b',
]

/**
 * The service word alone before a name (`Photo Prakash Mathema`, `photo AFP`). Matched
 * case-sensitively on the name's capital, so `picture alliance` stays a name.
 */
export const SERVICE_WORD_BEFORE_NAME =
  /^(?:[Pp]hoto(?:graph)?s?|PHOTO(?:GRAPH)?|[Ff]otos?|FOTO|[Pp]ictures?|PICTURE|[Ii]mages?|IMAGE|[Cc]redits?|CREDIT|[Bb]ild|BILD|[Ss]ource|SOURCE|[Qq]uelle|[Ff]uente|[Ff]onte|[Ii]magen|[Ii]mmagine|[Cc]r[ée]dits?|[Cc]opyright)\s+(?=\p{Lu})/u

/** Words that join credit parts: distributor, commission and chain words. */
export const JOIN_WORDS: readonly string[] = [
  'via',
  'vía',
  'for',
  'para',
  'pour',
  'für',
  'through',
  // `Photo by Name on Unsplash`, `PIRO4D auf Pixabay`
  'on',
  'auf',
]

/** Join words after which the organisations are distributors (`Credit.via`), not the agency. */
export const VIA_WORDS: readonly string[] = ['via', 'vía', 'through']

/** Join words after which the organisation is the client it was made for (`Credit.for`). */
export const FOR_WORDS: readonly string[] = ['for', 'para', 'pour', 'für', 'per']

/**
 * Corporate suffixes a comma separates from their name (`CQ-Roll Call, Inc`): not a part of
 * their own.
 */
export const CORPORATE_SUFFIXES: readonly string[] = [
  'inc',
  'ltd',
  'llc',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'spa',
  'srl',
  'nv',
  'bv',
  'co',
  'corp',
]

/**
 * Notes the wires append after a credit (Reuters' third-party notice, `NO RESALES. NO
 * ARCHIVES`, Getty's `ORIGINAL CAPTION`, AP's transmission codes): part of neither caption nor
 * credit. Regular expression sources matched at the end of the text, repeatedly.
 */
export const WIRE_NOTES: readonly string[] = [
  'attention\\s+editors?\\b[^()]*',
  'this\\s+(?:image|picture|photo)\\s+(?:has\\s+been|was)\\s+(?:supplied|provided|released)\\s+by\\s+a\\s+third\\s+party\\b[^()]*',
  'no\\s+(?:resales|archives|sales|third\\s+party\\s+sales)\\b',
  'mandatory\\s+credit\\b',
  '(?:for\\s+)?editorial\\s+use\\s+only\\b',
  'best\\s+quality\\s+available\\b',
  'not\\s+for\\s+sale\\s+for\\s+marketing\\s+or\\s+advertising\\s+campaigns\\b',
  'tpx\\s+images\\s+of\\s+the\\s+(?:day|week)\\b',
  '(?:picture|image|photo)\\s+taken\\s+[^.()]{0,80}',
  'search\\s+"[^"]*"\\s+for\\s+[^.()]{0,80}',
  'original\\s+caption\\s*:?.*',
  'refiled?\\s*[-–—]\\s*[^()]*',
  // A transmission code or picture id after the credit: `XAV101`, `NY123`, `RC2ABC9XYZ1`.
  '\\b(?=[A-Z\\d]*\\d)[A-Z]{2,5}\\d[A-Z\\d]{1,12}',
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
  // Public bodies, institutions and companies, in several languages: a name with one of these is
  // an owner, not a person (`U.S. Customs and Border Protection`, `Presidência da Argentina`).
  'administration',
  'airport',
  'airways',
  'airlines',
  'authority',
  'brigade',
  'campaign',
  'chamber',
  'command',
  'commission',
  'committee',
  'congress',
  'customs',
  'embassy',
  'family',
  'federation',
  'guard',
  'league',
  'party',
  'presidency',
  'presidential',
  'protection',
  'senate',
  'union',
  'zoo',
  'familie',
  'famille',
  'familia',
  'famiglia',
  'archiv',
  'archivo',
  'archivio',
  'bildarchiv',
  'museo',
  'musée',
  'musei',
  'universität',
  'universidad',
  'università',
  'université',
  'institut',
  'instituto',
  'istituto',
  'stiftung',
  'fondation',
  'fundación',
  'fondazione',
  'verein',
  'verband',
  'polizei',
  'policía',
  'polizia',
  'police',
  'gendarmerie',
  'bundespolizei',
  'bundeswehr',
  'feuerwehr',
  'regierung',
  'bundesregierung',
  'gobierno',
  'governo',
  'gouvernement',
  'ministerio',
  'ministero',
  'presidencia',
  'presidência',
  'presidenza',
  'présidence',
  'ayuntamiento',
  'comune',
  'rathaus',
  'stadt',
  'ville',
  'zeitung',
  'presse',
  'prensa',
  'stampa',
  'nachrichten',
  'noticias',
  'notizie',
  'verlag',
  'ufficio',
  'oficina',
  'sportswire',
  'pressphoto',
  'photography',
  'bild',
  'picturedesk',
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
  'e',
  'des',
  'dei',
  'degli',
  'lo',
  'bint',
  'ibn',
  'af',
  'av',
]

/** Names that start like `Mac` + capital but are not (`Mackenzie` is written both ways). */
export const MAC_NAME_EXCEPTIONS: readonly string[] = [
  'macklin',
  'mackie',
  'mackey',
  'macken',
  'mackintosh',
  'macdonaldo',
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
