import type { Language } from '@atrium/shared';

/**
 * The phrases the builtin assistant recognises, in the pattern syntax of `patterns.ts` (accents
 * and case do not matter; one typo is forgiven in words of five letters or more). All five
 * languages are tried on every message: people mix them ("reboot mon PC"), and a verb of one
 * language rarely means something else in another.
 *
 * Requests for an action name their object after the verb (or before it, in German); a message that
 * only describes a symptom ("it keeps restarting", "il ne s'éteint pas") is a question, not a request.
 */

export const PHRASE_KINDS = [
  'injection',
  'others',
  'person',
  'tickets',
  'uninstall',
  'install',
  'reset_password',
  'logoff',
  'lock',
  'shutdown',
  'reboot',
  'symptom',
  'want',
  'yes',
  'hello',
  'thanks',
] as const;
export type PhraseKind = (typeof PHRASE_KINDS)[number];

/** Word classes shared by every language, used as `@name` in phrases. */
export const CLASSES: Record<string, string[]> = {
  device: [
    'computer*|pc|pcs|laptop*|notebook*|desktop*|workstation*|machine*|device*|mac|macbook*|imac',
    'rechner*|gerat*|arbeitsplatz*|ordinateur*|ordi|ordis|poste|postes|portable*|appareil*',
    'ordenador*|equipo*|portatil*|computadora*|portatile|portatili|dispositiv*|postazion*',
  ],
  screen: [
    'screen*|ecran*|bildschirm*|pantalla*|schermo|schermi|schermata|session*|sitzung*|sesion*|windows',
  ],
  password: ['password*|passwort*|kennwort*|contrasena*|clave', 'mot de passe', 'mots de passe', 'mdp'],
  app: [
    'outlook|teams|excel|word|powerpoint|onedrive|sharepoint|skype|zoom|chrome|firefox|edge|explorer',
    'browser|navigateur|navegador|program*|application*|app|apps|anwendung*|aplicacion*|applicazion*',
    'printer*|imprimante*|drucker*|impresora*|stampante*|router*|routeur*|box|modem|wifi|wlan|vpn',
    'bluetooth|camera|webcam|notification*|benachrichtigung*|notificacion*|notifich*|service|dienst',
    'wi fi',
  ],
  action: [
    'restart*|reboot*|shut*|lock|turn*|log*|sign*|power*',
    'redemarr*|eteind*|eteign*|eteint|verrouill*|deconnect*|arret*',
    'neustart*|start*|herunterfahr*|fahrt|abmeld*|sperr*|schalt*',
    'reinici*|apag*|bloque*|cerr*|desconect*',
    'riavvi*|spegn*|blocc*|disconnett*',
  ],
};

export const LEXICONS: Record<Language, Record<PhraseKind, string[]>> = {
  en: {
    injection: [
      'ignore* .. instruction*|rules|prompt*|previous|above|guidelines',
      'disregard* .. instruction*|rules|previous|above|guidelines',
      'forget .. instruction*|rules|guidelines|prompt',
      'you are|re now',
      'from now on you',
      'act as',
      'pretend .. you|to be',
      'system prompt*|message',
      'developer|dan|god|admin mode',
      'jailbreak*',
      'new instructions',
      'reveal|print|show .. prompt|instructions',
      'run|execute .. command*|script*',
      'command line|prompt',
      'powershell|cmd|sudo',
      'rm rf',
      'disable*|bypass*|skip .. 2fa|mfa|two|verification|code|codes|sms|security|antivirus|firewall',
      'turn off .. 2fa|mfa|two|verification|code|codes|sms|security|antivirus|firewall',
      'without .. code|verification|confirmation|2fa|mfa|sms',
      'i am|m .. admin|administrator|sysadmin|root',
      'im .. admin|administrator|sysadmin|root',
      'admin* .. authori*|approv*|override',
      'authori* by|from .. admin*',
      'override*',
    ],
    others: [
      'colleague*|coworker*|workmate*',
      'co worker*',
      'someone|somebody|anyone|anybody else',
      'another|other user*|person|employee*|colleague*',
      'his|her|their @device',
      'everyone|everybody',
      'all|every|each ~ @device',
      'whole|entire office|team|company|floor|department|network',
      'server*',
      'meeting|conference room',
      'reception @device',
      '@device .. boss|manager|ceo|director',
      'boss|manager|ceo s @device',
    ],
    person: [
      'talk|speak|chat|connect* .. human*|person|people|someone|somebody|technician*|tech|agent|operator|engineer*|support|helpdesk',
      'real|actual|live person|human|agent',
      'open*|create*|raise|log|file|submit ~ ticket|case|incident',
      'escalat*',
      'call me|back',
      'need|want|get|send ~ technician*|human|person|someone|somebody',
      'contact .. technician*|support',
    ],
    tickets: [
      'my ~ ticket*|request*|incident*',
      'status|update*|news|progress .. ticket*|request*|incident*',
      'ticket* .. status|update*',
    ],
    uninstall: ['uninstal*|deinstal*|remove|delete'],
    install: ['instal*', 'reinstal*'],
    reset_password: [
      'reset*|forgot*|forgotten|recover*|lost .. @password',
      'remember ~ @password',
      '@password ~ reset*|expired',
      'new @password',
    ],
    logoff: ['log* off|out', 'log* .. off|out', 'logoff|logout|signout', 'sign* out|off', 'sign* .. out|off'],
    lock: ['lock .. @device|@screen', 'lock it|this|that'],
    shutdown: [
      'shut* down|off',
      'shut* .. down|off',
      'shutdown',
      'turn*|power*|switch* off|down',
      'turn*|power*|switch* .. off',
    ],
    reboot: ['restart*|reboot*', 're boot|start'],
    symptom: [
      'keeps|kept ~ @action',
      '@action .. by itself|randomly|constantly',
      '@action .. on its own',
      'doesn|don|won|can|didn|isn|wasn t .. @action',
      'does|will|can|did not .. @action',
      'cannot|unable .. @action',
      'why',
      // "the lock screen" is a thing, not a request.
      'the|a|on|my lock screen',
      'after|since .. restart*|reboot*|update*',
      'every time',
    ],
    want: ['get me', 'need|want', 'can|could|may i have|get'],
    yes: ['yes|yeah|yep|sure|ok|okay|please'],
    hello: ['hello|hi|hey|morning|afternoon'],
    thanks: ['thanks|thank|thx|cheers|great|perfect'],
  },
  fr: {
    injection: [
      'ignor* .. instruction*|consigne*|regle*|precedent*|directive*',
      'oubli* .. instruction*|consigne*|regle*|directive*',
      'tu|vous es|etes maintenant|desormais',
      'tu|vous es|etes .. administrateur|admin|root',
      'a partir de maintenant',
      'prompt|invite systeme',
      'mode developpeur|administrateur|admin',
      'execut*|lanc*|tap* .. commande*|script*',
      'ligne de commande',
      'desactiv*|contourn* .. 2fa|double|verification|code|sms|authentification|antivirus|pare',
      'sans .. code|verification|confirmation|sms',
      'contourn*',
      'je suis .. admin*|administrateur',
      'de la part .. admin*|administrateur|direction',
      'message .. admin*|administrateur',
      'admin*|administrateur .. autoris*',
      'autoris* par',
      'nouvelles instructions|consignes',
    ],
    others: [
      'collegue*',
      'quelqu un d autre',
      'autre utilisateur|personne|employe*|collegue',
      'son|sa|leur @device',
      'tous|toutes les|nos @device',
      'chaque @device',
      'tout le bureau|service|monde|reseau',
      'toute l entreprise|equipe|societe',
      'serveur*',
      'salle de reunion',
      'accueil',
      '@device .. chef|patron*|directeur|directrice',
    ],
    person: [
      'parler|discuter|contacter|joindre|echanger .. technicien*|humain*|personne|quelqu|conseiller*|agent|operateur*|support|informaticien*',
      'vrai|vraie personne|humain',
      'un humain|technicien',
      'ouvr*|cre*|cree|creez ticket|incident|demande',
      'ouvr*|cre*|cree|creez un|une|nouveau|nouvelle|le ticket|incident|demande|dossier',
      'escalad*',
      'rappel*|appel* moi',
    ],
    tickets: [
      'mes|mon|ma ~ ticket*|demande*|incident*|dossier*',
      'statut|etat|suivi|avancement|nouvelles .. ticket*|demande*|incident*',
      'ou en est .. ticket*|demande*|incident*',
    ],
    uninstall: ['desinstall*|supprim*|enlev*|retir*'],
    install: ['instal*', 'reinstal*'],
    reset_password: [
      'reinitialis*|reset*|recuper*|nouveau .. @password',
      '@password ~ oubli*|reinitialis*|perdu|expire',
      'oubli* .. @password',
      'souviens|rappelle|perdu .. @password',
    ],
    logoff: [
      'ferm*|termin*|quitt* .. session',
      'deconnect* .. session',
      'me|moi deconnect*',
      'deconnect* moi',
      'deconnexion .. session',
    ],
    lock: ['verrouill* .. @device|@screen', 'verrouiller|verrouillez'],
    shutdown: ['eteind*|eteign*|eteins', 'arret*|couper|coupez .. @device'],
    reboot: ['redemar*|reboot*', 'relanc* .. @device'],
    symptom: [
      '@action .. tout seul|seule',
      '@action .. sans arret|cesse',
      '@action .. en boucle',
      '@action .. tout le temps',
      'ne|n .. @action .. pas|plus|jamais',
      'n arrive|arrivons pas|plus .. @action',
      'pourquoi',
      'apres .. redemarr*|mise|mises',
      'chaque fois|foi',
      'a chaque',
    ],
    want: ['besoin de|d', 'voudrais|veux|souhaite|souhaiterais', 'aimerais avoir'],
    yes: ['oui|ouais|volontiers|daccord|ok', 'd accord', 'avec plaisir', 's il vous plait'],
    hello: ['bonjour|salut|bonsoir|coucou'],
    thanks: ['merci|parfait|super|genial'],
  },
  de: {
    injection: [
      'ignorier* .. anweisung*|regel*|vorgabe*|instruktion*|vorherig*|bisherig*',
      'vergiss|vergessen .. anweisung*|regel*|vorgabe*|instruktion*',
      'du bist .. jetzt|nun|administrator*|admin',
      'sie sind .. jetzt|nun|administrator*|admin',
      'ab sofort .. bist|sind du|sie',
      'systemprompt*|systemnachricht*',
      'system prompt*',
      'entwicklermodus|adminmodus',
      'fuhr*|ausfuhr* .. befehl*|skript*|kommando*',
      'befehl*|skript* .. aus|ausfuhr*',
      'kommandozeile|eingabeaufforderung',
      'deaktivier*|umgeh* .. 2fa|zwei|bestatigung*|code|sms|verifizierung|virenschutz|firewall|sicherheit*',
      '2fa|zweifaktor* .. aus|deaktivier*|abschalt*',
      'ohne .. code|bestatigung*|sms|verifizierung',
      'ich bin .. admin*',
      'im auftrag .. admin*|leitung|chef*|geschaftsfuhrung',
      'nachricht .. admin*',
      'admin* .. genehmig*|autorisier*|erlaub*|freigegeben',
      'neue anweisungen',
    ],
    others: [
      'kolleg*',
      'jemand|jemanden|jemandem anderes|anderen|anderem|fremd*',
      'anderer|anderen|andere benutzer*|mitarbeiter*|person',
      'sein|seinen|seinem|seines|seine @device',
      'alle|samtliche|jeden|jedes @device',
      'alle .. @device .. buro|firma|abteilung|team',
      'ganze|ganzen buro|abteilung|firma|team|netzwerk',
      'server*',
      'besprechungsraum*|konferenzraum*|empfang',
      '@device .. chef*|chefin|vorgesetzt*|geschaftsfuhrer*',
    ],
    person: [
      'sprech*|rede|reden|telefonier*|verbind* .. mensch*|techniker*|person|mitarbeiter*|support|jemand*|berater*',
      'mensch*|techniker*|mitarbeiter*|jemand*|berater*|person ~ sprech*|reden|telefonier*',
      'echte|echten|richtige|richtigen person|mensch*|mitarbeiter*',
      'ticket*|anfrage|vorgang .. eroffn*|erstell*|aufmach*|anleg*|aufgeb*',
      'eroffn*|erstell*|leg*|mach* .. ticket*',
      'ruf* .. mich .. an|zuruck',
      'ruckruf*|zuruckruf*',
      'eskalier*',
    ],
    tickets: [
      'meine|meiner|meinem|meines|mein ~ ticket*|anfrage*|meldung*|vorgang*|vorgange',
      'status|stand .. ticket*|anfrage*|meldung*',
      'ticket* .. status|stand',
    ],
    uninstall: ['deinstallier*|entfern*|losch*'],
    install: ['instal*', 'aufspiel*', 'spiel* .. auf'],
    reset_password: [
      '@password .. zurucksetz*|zuruckzusetz*|zurueck*|reset*|vergess*|abgelaufen',
      'zurucksetz*|zuruckzusetz*|reset* .. @password',
      'neu|neue|neues|neuen @password',
      '@password ~ neu|neues',
      'setz* .. @password .. zuruck',
      'weiss ~ @password',
      '@password ~ nicht mehr',
    ],
    // With "zu" the particle comes first: "abzumelden", "herunterzufahren", "neu zu starten".
    logoff: ['abmeld*|abzumeld*', 'meld* ... ab', 'ausloggen|auszuloggen|ausgeloggt', 'logg* ... aus'],
    lock: ['sperr* .. @device|@screen', '@device|@screen ~ sperren|sperrst', 'verriegel*'],
    shutdown: [
      'herunterfahr*|runterfahr*|ausschalt*|abschalt*|ausmach*',
      'herunterzufahr*|runterzufahr*|auszuschalt*|abzuschalt*|auszumach*',
      'fahr* ... herunter|runter',
      'schalt* ... aus|ab',
      'mach* .. aus',
    ],
    reboot: [
      'neustart*|neugestartet|rebooten|reboot*',
      'neu start*|gestartet|hochfahr*',
      'neu zu start*',
      'start* ... neu',
    ],
    symptom: [
      '@action .. von selbst|allein|alleine',
      '@action ~ standig|dauernd|immer',
      'standig|dauernd|immer ~ @action',
      'nicht|kein ~ @action',
      '@action ~ nicht|kein',
      'warum|wieso|weshalb',
      'nach .. neustart*|update*|aktualisierung*',
      'jedes mal',
    ],
    want: ['brauche|brauchte|benotige|mochte', 'hatte gern|gerne'],
    yes: ['ja|gerne|gern|bitte|ok|okay|klar|jawohl', 'auf jeden fall'],
    hello: ['hallo|moin|servus|gruss', 'guten tag|morgen'],
    thanks: ['danke|dankeschon|super|perfekt'],
  },
  es: {
    injection: [
      'ignor* .. instruccion*|regla*|anterior*|indicacion*',
      'olvid* .. instruccion*|regla*|indicacion*',
      'ahora eres',
      'usted es ahora',
      'a partir de ahora',
      'eres .. administrador|admin|root',
      'prompt|mensaje del|de sistema',
      'modo desarrollador|administrador',
      'ejecut*|lanz* .. comando*|script*',
      'linea de comandos',
      'desactiv*|salt* .. 2fa|doble|verificacion|codigo|sms|autenticacion|antivirus|cortafuegos',
      'sin .. codigo|verificacion|confirmacion|sms',
      'soy .. administrador*|admin',
      'de parte .. administrador*|admin|direccion',
      'mensaje .. administrador*',
      'administrador* .. autoriz*',
      'autoriz* por',
      'nuevas instrucciones',
    ],
    others: [
      'companer*|colega*',
      'otra persona',
      'otro usuario|empleado|companero',
      'alguien mas',
      'todos|todas los|las ~ @device',
      'cada @device',
      'toda la oficina|empresa|red',
      'todo el departamento|equipo|mundo',
      'servidor*',
      'sala de reuniones',
      'recepcion',
      '@device .. jefe|jefa|director*|gerente',
    ],
    person: [
      'habl*|comunic*|contact* .. persona|tecnico*|humano|alguien|agente|operador*|soporte|especialista',
      'persona|humano real',
      'persona|humano de verdad',
      'abrir|abra|abre|abran|crear|cree|crea|creen|genere|generar|registrar|registre .. ticket|incidencia|solicitud|peticion',
      'escal*',
      'llamame|llamenme|llameme|llamadme',
      'llame|llamen|llamar|llamarme ~ tecnico*|alguien|persona',
    ],
    tickets: [
      'mis|mi ~ ticket*|incidencia*|solicitud*|caso|casos|peticion*',
      'estado|situacion|novedad* .. ticket*|incidencia*|solicitud*|peticion*',
      'como va .. ticket*|incidencia*|solicitud*',
    ],
    uninstall: ['desinstal*|elimin*|quit*|borr*'],
    install: ['instal*', 'reinstal*'],
    reset_password: [
      'restablec*|reestablec*|resete*|reinici*|recuper* .. @password',
      'olvid* .. @password',
      '@password ~ olvid*|caduc*|expir*',
      'nueva @password',
      'recuerdo|acuerdo|perdi .. @password',
    ],
    logoff: ['cerr*|cierr*|cierre|termin* .. sesion', 'desconect* .. sesion', 'salir|salga .. sesion'],
    lock: ['bloquear|bloquea|bloquee|bloqueen|bloqueeme|bloquearme .. @device|@screen'],
    shutdown: ['apagar|apague|apaga|apaguen|apagame|apagarlo|apaguelo|apagalo'],
    reboot: ['reinici*|rearranc*|reboot*', 'resetear|resetee|resetea .. @device'],
    symptom: [
      'se .. @action .. solo|sola',
      '@action .. por si solo|sola',
      '@action .. constantemente|continuamente|sin parar',
      'no ~ @action',
      'no puedo|consigo|logro .. @action',
      'por que',
      'despues .. reinici*|actualiz*',
      'cada vez',
    ],
    want: ['necesito|quiero|quisiera|querria'],
    yes: ['si|vale|claro|ok|perfecto|adelante', 'por favor', 'de acuerdo'],
    hello: ['hola|buenas', 'buenos dias'],
    thanks: ['gracias|perfecto|genial'],
  },
  it: {
    injection: [
      'ignor* .. istruzion*|regol*|precedent*|indicazion*',
      'dimentic* .. istruzion*|regol*|indicazion*',
      'ora|adesso sei',
      'da ora|adesso in poi',
      'sei .. amministratore|admin|root',
      'prompt|messaggio di sistema',
      'modalita sviluppatore|amministratore',
      'esegu*|lanci* .. comando|comandi|script',
      'riga di comando',
      'disattiv*|aggir*|salt* .. 2fa|doppia|verifica|codice|sms|autenticazione|antivirus|firewall',
      'senza .. codice|verifica|conferma|sms',
      'sono .. amministratore|admin',
      'da parte .. amministrator*|admin|direzione',
      'messaggio .. amministrator*',
      'amministrator* .. autorizz*',
      'autorizzat* da',
      'nuove istruzioni',
    ],
    others: [
      'collega|colleghi|colleghe',
      'qualcun altro',
      'qualcuno altro',
      'un altro|altra utente|persona|dipendente|collega',
      'suo|sua|loro @device',
      'tutti|tutte i|gli|le ~ @device',
      'ogni @device',
      'tutto l ufficio',
      'tutta l azienda',
      'tutto il reparto|team',
      'server',
      'sala riunioni',
      'reception',
      '@device .. capo|responsabile|direttore|direttrice',
    ],
    person: [
      'parl*|chatt*|sentire .. operatore|tecnico|persona|umano|qualcuno|assistenza|supporto|agente',
      'persona vera|reale',
      'aprire|apri|aprimi|apra|aprirmi|creare|crea|creami|crei .. ticket|segnalazion*|richiesta',
      'richiam*|chiamami|chiamatemi',
      'inoltr* .. tecnic*',
    ],
    tickets: [
      'miei|mie|mio|mia ~ ticket*|richiest*|segnalazion*',
      'stato .. ticket*|richiest*|segnalazion*',
      'a che punto .. ticket*|richiest*|segnalazion*',
      'novita .. ticket*|richiest*|segnalazion*',
    ],
    uninstall: ['disinstall*|rimuov*|elimin*|togli*'],
    install: ['install*', 'reinstall*'],
    reset_password: [
      'reimpost*|resett*|reset*|recuper* .. @password',
      '@password ~ dimentica*|scadut*|reimpost*|persa',
      'dimentica* .. @password',
      'nuova @password',
      'ricordo|perso .. @password',
    ],
    logoff: ['disconnett*|sloggar*|slogga*|scollegar*', 'chiud*|termin*|esc*|usc* .. sessione|account'],
    lock: ['bloccare|blocca|blocchi|bloccami|bloccate|bloccarmi .. @device|@screen'],
    shutdown: ['spegn*|speng*|spegni', 'arrest* .. @device'],
    reboot: ['riavvi*|riaccend*|reboot*', 'resett* .. @device'],
    symptom: [
      '@action .. da solo|sola',
      '@action .. continuamente|sempre|spesso',
      'non ~ @action',
      'non riesco|riusciamo .. @action',
      'si ~ @action',
      'dopo .. riavvi*|aggiorn*',
      'ogni volta',
    ],
    want: ['mi serve|servirebbe', 'vorrei|voglio', 'ho bisogno'],
    yes: ['si|certo|ok|volentieri', 'per favore', 'va bene'],
    hello: ['ciao|salve|buongiorno|buonasera'],
    thanks: ['grazie|perfetto|ottimo'],
  },
};

/** Markup that only someone addressing the assistant's instructions writes. */
export const INJECTION_MARKUP: RegExp[] = [
  /\[\s*(system|admin|instructions?|inst)\s*\]/i,
  /<\/?\s*(system|admin|instructions?)\s*>/i,
  /^\s*(system|admin|administrator|administrateur|administrador|amministratore)\s*:/im,
  /#{2,}\s*(system|instructions?)/i,
];

/** Words that tie a device to a person: "l'ordinateur de Marie", "the laptop of Sam", "PC von Thomas". */
export const OWNER_LINKS = ['de', 'd', 'du', 'of', 'von', 'vom', 'del', 'di', 'della', 'dello', 'dell'];
/** Words that introduce who an action is for: "for Marie", "pour Marie", "für Thomas". */
export const BENEFICIARY_LINKS = ['for', 'pour', 'fur', 'para', 'per'];
/** Capitalised words after those links that are not people. */
export const NOT_PEOPLE = new Set(
  (
    'windows microsoft apple mac macos linux ubuntu dell lenovo hp asus acer samsung office teams outlook ' +
    'zoom chrome firefox google vpn wifi it informatique favor favore bitte please moi mich mi me'
  ).split(' '),
);
/** German determiners that end in -s and precede a device ("meines Rechners" is not a name). */
export const GERMAN_S_DETERMINERS = new Set(
  'des eines meines deines seines ihres unseres eures dieses jenes jedes alles anderes neues altes'.split(
    ' ',
  ),
);

/**
 * Hostnames as admins write them: "PC-MARIE", "LAPTOP-7", "ws-042". Checked only for names the
 * contact's own devices do not have.
 */
export const HOSTNAME_LIKE = [
  /\b[A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+\b/g,
  /\b(?:pc|laptop|desktop|nb|ws|wks|lt|mac|srv|dc|vm)[-_][a-z0-9][a-z0-9_-]*\b/gi,
];
export const NOT_HOSTNAMES = new Set(['wi-fi', 'e-mail', 'wi_fi']);

/**
 * Words that carry no topic: left out of knowledge base queries and of the name of software asked
 * for. Helpdesk filler ("help", "problem", "please") is here too.
 */
export const STOPWORDS: Record<Language, string> = {
  en:
    'a an the my your our me i im i m you we it its is are was be been am do does did can could would ' +
    'should will shall may might must to of in on at for from with by about into and or but if so that ' +
    'this these those there here what how why when where which who whom please pls thanks thank hi hello ' +
    'hey dear help need want like get got have has had not no dont t s ll ve re d just some any also ' +
    'problem issue question again still very really software program app application tool called new',
  fr:
    'le la les l un une des de du d au aux mon ma mes ton ta tes son sa ses notre nos votre vos je j me m ' +
    'moi tu te t il elle on nous vous ils elles ce c cet cette ces ca est sont suis etre ai a as avons avez ' +
    'ont et ou mais donc car si que qu qui quoi comment pourquoi quand ou dans sur sous pour par avec sans ' +
    'en y ne n pas plus bonjour merci svp stp aide aider besoin voudrais veux voulez pouvez pourriez peux ' +
    'puis faire fait probleme question encore tres logiciel programme application outil appele nouveau',
  de:
    'der die das den dem des ein eine einen einem einer eines mein meine meinen meinem meiner meines ihr ' +
    'ihre ihren ihrem sie ich mich mir du dich dir wir uns es er ist sind bin war habe hat haben kann ' +
    'konnen konnten konnte mochte mochten will wollen muss soll und oder aber wenn dass was wie warum wann ' +
    'wo wer auf in im an am zu zum zur von vom mit fur bei aus nach uber unter nicht kein keine bitte danke ' +
    'hallo guten tag hilfe brauche gerne gern mal doch noch auch sehr problem frage software programm ' +
    'anwendung app tool neu neue neues',
  es:
    'el la los las un una unos unas mi mis tu tus su sus nuestro yo me te se nos lo le les usted ustedes ' +
    'es son soy esta estan estoy ser he ha hay tengo tiene puede puedes podria podrian quiero quisiera ' +
    'necesito y o pero si que como por porque cuando donde quien en de del al a con sin para sobre no ' +
    'hola gracias ayuda ayudar favor muy problema pregunta otra vez programa aplicacion software ' +
    'herramienta llamado nuevo',
  it:
    'il lo la i gli le un uno una mio mia miei mie tuo tua suo sua io mi me ti tu ci si lui lei noi voi ' +
    'e ed o ma se che come perche quando dove chi di del della dei degli delle a al alla ai da dal in nel ' +
    'nella con su sul per tra fra non ho hai ha abbiamo sono sei puoi potresti vorrei voglio devo ' +
    'bisogno ciao grazie aiuto aiutare favore molto problema domanda ancora programma applicazione ' +
    'software strumento chiamato nuovo',
};
