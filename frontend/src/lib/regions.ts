// The 14 Czech regions (kraje), CZ-NUTS 3 codes.
export const REGIONS: readonly { code: string; cs: string; en: string }[] = [
  { code: 'CZ010', cs: 'Hlavní město Praha', en: 'Prague' },
  { code: 'CZ020', cs: 'Středočeský kraj', en: 'Central Bohemian Region' },
  { code: 'CZ031', cs: 'Jihočeský kraj', en: 'South Bohemian Region' },
  { code: 'CZ032', cs: 'Plzeňský kraj', en: 'Plzeň Region' },
  { code: 'CZ041', cs: 'Karlovarský kraj', en: 'Karlovy Vary Region' },
  { code: 'CZ042', cs: 'Ústecký kraj', en: 'Ústí nad Labem Region' },
  { code: 'CZ051', cs: 'Liberecký kraj', en: 'Liberec Region' },
  { code: 'CZ052', cs: 'Královéhradecký kraj', en: 'Hradec Králové Region' },
  { code: 'CZ053', cs: 'Pardubický kraj', en: 'Pardubice Region' },
  { code: 'CZ063', cs: 'Kraj Vysočina', en: 'Vysočina Region' },
  { code: 'CZ064', cs: 'Jihomoravský kraj', en: 'South Moravian Region' },
  { code: 'CZ071', cs: 'Olomoucký kraj', en: 'Olomouc Region' },
  { code: 'CZ072', cs: 'Zlínský kraj', en: 'Zlín Region' },
  { code: 'CZ080', cs: 'Moravskoslezský kraj', en: 'Moravian-Silesian Region' },
];

export function regionName(code: string | null | undefined, lang: 'cs' | 'en'): string {
  if (!code) return '';
  const r = REGIONS.find((x) => x.code === code);
  return r ? r[lang] : code;
}

/** IČO: 8 digits; weights 8..2 over the first 7, c = (11 - sum % 11) % 10 equals the 8th digit. */
export function isValidIco(ico: string): boolean {
  if (!/^\d{8}$/.test(ico)) return false;
  let sum = 0;
  for (let i = 0; i < 7; i++) sum += Number(ico[i]) * (8 - i);
  return (11 - (sum % 11)) % 10 === Number(ico[7]);
}
