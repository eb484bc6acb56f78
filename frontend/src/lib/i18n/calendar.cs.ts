// Czech messages of the calendar-feed page; spread into cs.ts.
import type { Message } from './format';

export const calendarCs = {
  'cal.title': 'Kalendář',
  // Home's card for /kalendar (Home names each card home.desc.<route>).
  'home.desc.calendar': 'Vaše termíny vzdělávání a supervize v kalendáři v telefonu nebo v Outlooku.',
  'cal.intro':
    'Odběr kalendáře přidá vaše termíny vzdělávání a supervize do kalendáře, který už používáte, a sám je aktualizuje. Obsahuje jen název, čas a místo, nic o lidech ani o případech.',
  'cal.feeds': 'Moje odběry',
  'cal.none': 'Zatím nemáte žádný odběr.',
  'cal.created': 'Vytvořeno {date}',
  'cal.lastUsed': 'naposledy načteno {date}',
  'cal.neverUsed': 'zatím nenačteno',
  'cal.new': 'Nový odběr',
  'cal.name': 'Název',
  'cal.nameHint': 'Podle zařízení, kde kalendář odebíráte, např. „Telefon“.',
  'cal.create': 'Vytvořit odběr',
  'cal.url': 'Adresa odběru',
  'cal.urlOnce':
    'Adresu uvidíte jen teď. Zkopírujte ji do kalendáře; kdo ji zná, vidí vaše termíny. Když ji ztratíte, odběr zrušte a vytvořte nový.',
  'cal.copy': 'Kopírovat adresu',
  'cal.copied': 'Adresa je zkopírovaná.',
  'cal.copyFailed': 'Adresu se nepodařilo zkopírovat; označte ji a zkopírujte ručně.',
  'cal.howTo': 'Jak odběr přidat',
  'cal.howGoogle':
    'Google Kalendář (na počítači): vlevo u „Další kalendáře“ zvolte + → „Z adresy URL“, vložte adresu a potvrďte „Přidat kalendář“.',
  'cal.howOutlook':
    'Outlook: Kalendář → „Přidat kalendář“ → „Přihlásit se k odběru z webu“ (nebo „Z internetu“), vložte adresu a potvrďte.',
  'cal.howApple':
    'Apple (iPhone): Nastavení → Kalendář → Účty → Přidat účet → Jiný → „Přidat odebíraný kalendář“, vložte adresu. Na Macu: Kalendář → Soubor → Nový odebíraný kalendář.',
  'cal.revoke': 'Zrušit odběr',
  'cal.revokeTitle': 'Zrušit odběr?',
  'cal.revokeText': 'Kalendář „{name}“ přestane dostávat vaše termíny a jeho adresa přestane platit. Nejde to vrátit.',
  'cal.revoked': 'Odběr „{name}“ je zrušený.',
  'cal.download': 'Stáhnout do kalendáře (.ics)',
} satisfies Record<string, Message>;
