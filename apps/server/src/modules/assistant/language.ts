import type { Language } from '@atrium/shared';

/**
 * Short, frequent words of each language, the words of its helpdesk requests, and a few letters
 * only it uses: enough to tell five languages apart in a chat message of a few words. Words two
 * languages share ("la", "una", "persona", "tecnico") count for none and decide nothing.
 */
const WORDS: Record<Language, string> = {
  en:
    'the my is it to and of you i can how what please not do does want need help with this why when where ' +
    'have has get would could should thanks hello hi there just still again keeps our your am are pls ' +
    'plz thx now put frozen any news anymore look at remember don ' +
    'restart reboot shut down lock log sign out install installed printer screen talk ' +
    'speak human someone technician slow working work doesn won cannot open status forgot reset ' +
    'colleague every all new thank',
  fr:
    'le la les mon ma mes est je vous pas une un des du pour comment quoi pourquoi ne plus avec sur ' +
    'ordinateur besoin aide voudrais veux peux pouvez pourriez merci bonjour que qui ai suis et mais tout ' +
    'toujours depuis dans moi svp plait aussi encore cette ce ca redemarrer redemarrez eteindre eteignez ' +
    'verrouiller installer installez imprimante ecran mot passe oublie parler technicien quelqu personne ' +
    'collegue lent lente marche fonctionne connexion courriel messagerie reseau poste il redemarre stp ' +
    'rame ordi relancer eteignez tes tu oublie affiche dans chez rien donner maintenant au aux',
  de:
    'der die das ich ist nicht mein meine meinen meinem ein eine und wie was bitte kann konnen konnten ' +
    'mit mochte brauche hilfe warum geht mir den dem hallo danke sie ihr haben habe wird werden auch ' +
    'noch schon immer seit auf fur uber oder aber gerne leider mich es rechner neu starten neustart ' +
    'herunterfahren sperren abmelden installieren drucker bildschirm passwort kennwort vergessen ' +
    'zurucksetzen sprechen techniker mensch menschen kollege kollegin langsam funktioniert verbindung ' +
    'du bist jetzt zwei deaktiviere zeig zeigen deinen melden brauchte bei zu hause druckt mehr',
  es:
    'el los las mi mis es yo no una un por para como que quiero necesito ayuda puedes puede podria con ' +
    'hola gracias ordenador equipo si tengo estoy esta y pero muy tambien desde hoy usted ayudarme favor ' +
    'reiniciar reinicie apagar apague bloquear cerrar sesion instalar instale impresora pantalla ' +
    'contrasena olvide hablar tecnico persona companero lento funciona conexion correo red la lo ' +
    'portatil instale instaleme reinicie reinicia ejecuta este muestrame ahora eres desactiva pasos llame ' +
    'olvidado llegan cuanto desde casa imprime del al tu',
  it:
    'il lo gli mio mia mi non una uno per come cosa voglio vorrei ho bisogno aiuto puoi puo con ciao ' +
    'grazie sono perche ma anche sempre ancora da del della nel che e ti tuo riavviare riavvia spegnere ' +
    'spegni bloccare installare installa stampante schermo dimenticato parlare tecnico persona ' +
    'operatore collega lento funziona connessione posta rete favore la le un i installi installami serve ' +
    'adesso sei esegui questo mostrami mie miei richieste richiesta riceve piu vede ogni quanto devo ' +
    'cambiare disattiva verifica passaggi tutti ufficio dell portatile riavviare tu si fai dal dai sul nel alla',
};

const LETTERS: Record<Language, RegExp> = {
  en: /(?!)/,
  fr: /[çœâêîôûë]/,
  de: /[äöüß]/,
  es: /[ñ¿¡áíóú]/,
  it: /[ìò]/,
};

/** Word endings only one of the languages has ("connessione", "conexión", "Verbindung"). */
const ENDINGS: Partial<Record<Language, RegExp>> = {
  fr: /(eux|euse|eur|eurs|ement|aient)$/,
  de: /(ung|ungen|heit|keit|schaft)$/,
  es: /cion(es)?$/,
  it: /zion[ei]$/,
};

const INDEX = new Map<string, Language[]>();
for (const [language, words] of Object.entries(WORDS) as [Language, string][]) {
  for (const word of new Set(words.split(' '))) INDEX.set(word, [...(INDEX.get(word) ?? []), language]);
}

/** People often type without accents ("redemarrer", "zurucksetzen"): words are compared without them. */
const withoutAccents = (word: string) => word.normalize('NFD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');

/** The language `text` is written in, or `fallback` when it does not tell (too short, a name). */
export function detectLanguage(text: string, fallback: Language): Language {
  const scores: Record<Language, number> = { en: 0, fr: 0, de: 0, es: 0, it: 0 };
  const lower = text.toLowerCase();
  for (const word of lower.split(/[^\p{L}]+/u)) {
    const plain = withoutAccents(word);
    const languages = INDEX.get(plain);
    if (languages?.length === 1) scores[languages[0] as Language] += 1;
    else if (!languages && plain.length > 5) {
      for (const [language, ending] of Object.entries(ENDINGS) as [Language, RegExp][]) {
        if (ending.test(plain)) scores[language] += 1;
      }
    }
  }
  for (const [language, letters] of Object.entries(LETTERS) as [Language, RegExp][]) {
    if (letters.test(lower)) scores[language] += 1;
  }
  // French elisions (j'ai, qu'il, n'arrive) are a clear sign on their own; l' and d' are Italian too.
  if (/\b(j|qu|n|m|t|s)['’]\p{L}/u.test(lower)) scores.fr += 1;
  const best = (Object.entries(scores) as [Language, number][]).sort((a, b) => b[1] - a[1]);
  const [first, second] = best;
  if (!first || first[1] === 0 || (second && second[1] === first[1])) return fallback;
  return first[0];
}
