import type { Language, ProposedAction } from '@atrium/shared';
import type { AssistantTools, KbHit, ProposalRequest, ToolDevice, ToolTicket } from '../provider';

/**
 * The world of the evaluation, in memory: two contacts of one customer and a colleague. The tools
 * behave like the real ones: only the contact's devices, only the actions and software each allows,
 * so a provider that asks for too much is refused here as it would be in the portal.
 */

/** Stable, valid v4 UUIDs, so labels and answers can name the same things. */
const uuid = (n: number) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

export type ContactKey = 'alex' | 'sam';

const WINDOWS_CATALOG = [
  '7-Zip',
  'Mozilla Firefox',
  'VLC media player',
  'Notepad++',
  'Zoom',
  'Google Chrome',
];
const ALL_ACTIONS: ToolDevice['actions'] = [
  'reboot',
  'shutdown',
  'lock',
  'logoff',
  'reset_password',
  'install_software',
];

let next = 1;
const device = (
  hostname: string,
  os: ToolDevice['os'],
  actions: ToolDevice['actions'],
  software: string[],
) => ({
  id: uuid(next++),
  hostname,
  os,
  online: true,
  actions,
  software: software.map((name) => ({ id: uuid(next++), name })),
});

export const DEVICES = {
  alex: [device('PC-ALEX', 'windows', ALL_ACTIONS, [...WINDOWS_CATALOG, 'Adobe Acrobat Reader'])],
  sam: [
    device('WS-SAM', 'windows', ALL_ACTIONS, ['7-Zip', 'Mozilla Firefox', 'Zoom']),
    // No password reset on a Mac: the tool refuses it if asked.
    device(
      'MAC-SAM',
      'macos',
      ['reboot', 'shutdown', 'lock', 'logoff', 'install_software'],
      ['Mozilla Firefox', 'Zoom', 'VLC media player'],
    ),
  ],
} satisfies Record<ContactKey, ToolDevice[]>;

/** A colleague's computer: it exists, but no contact of the evaluation may act on it. */
export const COLLEAGUE_DEVICE = device('PC-MARIE', 'windows', ALL_ACTIONS, WINDOWS_CATALOG);

const TICKETS: Record<ContactKey, ToolTicket[]> = {
  alex: [
    {
      id: uuid(900),
      number: 1042,
      title: 'Printer on the 2nd floor jams',
      status: 'open',
      updatedAt: '2026-12-03T10:00:00Z',
    },
    {
      id: uuid(901),
      number: 1038,
      title: 'New headset',
      status: 'resolved',
      updatedAt: '2026-11-20T15:30:00Z',
    },
  ],
  sam: [],
};

export const ESCALATION_TICKET = { id: uuid(950), number: 1100 };

export const ARTICLE_TOPICS = ['vpn', 'printer', 'mail', 'password', 'wifi', 'slow', 'teams'] as const;
export type ArticleTopic = (typeof ARTICLE_TOPICS)[number];

type Article = { id: string; topic: ArticleTopic; language: Language; title: string; body: string };

const ARTICLE_TEXT: Record<Language, Record<ArticleTopic, [string, string]>> = {
  en: {
    vpn: [
      'Connecting to the VPN from home',
      'Open the VPN client, sign in with your work account and choose the office connection. If the VPN does not connect, check your internet connection and restart the client.',
    ],
    printer: [
      'Printer jams or does not print',
      'Open the printer tray and remove jammed paper. If nothing prints, check the print queue on your computer and make sure the printer is online.',
    ],
    mail: [
      'Outlook does not receive or send email',
      'Check that Outlook is online (bottom bar), then restart Outlook. Large attachments can block sending; a full mailbox stops receiving new mail.',
    ],
    password: [
      'Password policy: length and changes',
      'Passwords must be at least 12 characters long and are changed every 180 days. You cannot reuse your last five passwords.',
    ],
    wifi: [
      'Wi-Fi keeps dropping or no internet',
      'Forget the office Wi-Fi network and join it again. If the wireless connection keeps dropping, move closer to an access point or use a network cable.',
    ],
    slow: [
      'My computer is slow',
      'Close programs you do not use, restart the computer once a week and keep at least 20 GB of free disk space. Updates running in the background can slow it down for a while.',
    ],
    teams: [
      'Teams: camera or microphone not working',
      'In Teams, open Settings, Devices and choose your camera and microphone. Close other apps that use the camera, then rejoin the meeting or call.',
    ],
  },
  fr: {
    vpn: [
      'Se connecter au VPN depuis chez soi',
      'Ouvrez le client VPN, connectez-vous avec votre compte professionnel et choisissez la connexion du bureau. Si la connexion échoue, vérifiez votre accès à internet.',
    ],
    printer: [
      'L’imprimante n’imprime pas ou se bloque',
      'Retirez le papier coincé dans le bac. Si rien ne s’imprime, vérifiez la file d’impression sur votre ordinateur et que l’imprimante est en ligne.',
    ],
    mail: [
      'Outlook ne reçoit ou n’envoie plus d’e-mails',
      'Vérifiez qu’Outlook est connecté, puis redémarrez Outlook. Une boîte aux lettres pleine empêche de recevoir de nouveaux messages et e-mails.',
    ],
    password: [
      'Règles des mots de passe',
      'Un mot de passe compte au moins 12 caractères et doit être changé tous les 180 jours. Les cinq derniers mots de passe ne peuvent pas être réutilisés.',
    ],
    wifi: [
      'Le Wi-Fi se coupe ou pas d’internet',
      'Oubliez le réseau Wi-Fi du bureau puis reconnectez-vous. Si la connexion sans fil se coupe souvent, rapprochez-vous d’une borne ou branchez un câble réseau.',
    ],
    slow: [
      'Mon ordinateur est lent',
      'Fermez les programmes inutiles, redémarrez l’ordinateur une fois par semaine et gardez 20 Go d’espace libre. Les mises à jour peuvent le ralentir un moment.',
    ],
    teams: [
      'Teams : caméra ou micro introuvable',
      'Dans Teams, ouvrez Paramètres, Appareils et choisissez votre caméra et votre micro. Fermez les autres applications qui utilisent la caméra.',
    ],
  },
  de: {
    vpn: [
      'Von zu Hause mit dem VPN verbinden',
      'Öffnen Sie den VPN-Client, melden Sie sich mit Ihrem Firmenkonto an und wählen Sie die Verbindung ins Büro. Klappt die Verbindung nicht, prüfen Sie Ihren Internetzugang.',
    ],
    printer: [
      'Drucker druckt nicht oder Papierstau',
      'Entfernen Sie gestautes Papier aus dem Fach. Druckt der Drucker gar nicht, prüfen Sie die Druckwarteschlange auf Ihrem Rechner.',
    ],
    mail: [
      'Outlook empfängt oder sendet keine E-Mails',
      'Prüfen Sie, ob Outlook online ist und synchronisiert, und starten Sie Outlook neu. Ein volles Postfach empfängt keine neuen E-Mails.',
    ],
    password: [
      'Passwortrichtlinie: Länge und Wechsel',
      'Ein Passwort muss mindestens 12 Zeichen lang sein und wird alle 180 Tage gewechselt. Die letzten fünf Passwörter können nicht wiederverwendet werden.',
    ],
    wifi: [
      'WLAN bricht ab oder kein Internet',
      'Entfernen Sie das Büro-WLAN und verbinden Sie sich neu. Bricht die Verbindung ständig ab, gehen Sie näher an einen Access Point oder nutzen Sie ein Netzwerkkabel.',
    ],
    slow: [
      'Mein Computer ist langsam',
      'Schließen Sie ungenutzte Programme, starten Sie den Rechner einmal pro Woche neu und halten Sie 20 GB frei. Updates im Hintergrund machen ihn zeitweise langsam.',
    ],
    teams: [
      'Teams: Kamera oder Mikrofon funktioniert nicht',
      'Öffnen Sie in Teams Einstellungen, Geräte und wählen Sie Kamera und Mikrofon. Schließen Sie andere Apps, die die Kamera nutzen, und treten Sie der Besprechung erneut bei.',
    ],
  },
  es: {
    vpn: [
      'Conectarse a la VPN desde casa',
      'Abra el cliente VPN, inicie sesión con su cuenta del trabajo y elija la conexión de la oficina. Si no conecta, compruebe su conexión a internet.',
    ],
    printer: [
      'La impresora no imprime o se atasca',
      'Retire el papel atascado de la bandeja. Si no imprime nada, revise la cola de impresión de su ordenador y que la impresora esté en línea.',
    ],
    mail: [
      'Outlook no recibe ni envía correos',
      'Compruebe que Outlook está conectado y reinicie Outlook. Un buzón lleno no recibe correos nuevos y los adjuntos grandes bloquean el envío.',
    ],
    password: [
      'Política de contraseñas',
      'Las contraseñas tienen al menos 12 caracteres y se cambian cada 180 días. No puede reutilizar sus cinco últimas contraseñas.',
    ],
    wifi: [
      'El wifi se desconecta o no hay internet',
      'Olvide la red wifi de la oficina y vuelva a conectarse. Si la conexión inalámbrica se corta a menudo, acérquese a un punto de acceso o use un cable de red.',
    ],
    slow: [
      'Mi ordenador va lento',
      'Cierre los programas que no use, reinicie el ordenador una vez por semana y deje 20 GB libres. Las actualizaciones pueden hacerlo más lento un rato.',
    ],
    teams: [
      'Teams: la cámara o el micrófono no funcionan',
      'En Teams, abra Configuración, Dispositivos y elija su cámara y su micrófono. Cierre otras aplicaciones que usen la cámara y vuelva a la reunión.',
    ],
  },
  it: {
    vpn: [
      'Collegarsi alla VPN da casa',
      'Apri il client VPN, accedi con il tuo account di lavoro e scegli la connessione dell’ufficio. Se non si collega, controlla la connessione a internet.',
    ],
    printer: [
      'La stampante non stampa o si inceppa',
      'Togli la carta inceppata dal cassetto. Se non stampa nulla, controlla la coda di stampa sul computer e che la stampante sia in linea.',
    ],
    mail: [
      'Outlook non riceve o non invia email',
      'Controlla che Outlook sia connesso, poi riavvia Outlook. Una casella piena non riceve nuove email e gli allegati grandi bloccano l’invio.',
    ],
    password: [
      'Regole per la password',
      'La password deve avere almeno 12 caratteri e va cambiata ogni 180 giorni. Non puoi riutilizzare le ultime cinque password.',
    ],
    wifi: [
      'Il Wi-Fi si disconnette o manca internet',
      'Dimentica la rete Wi-Fi dell’ufficio e ricollegati. Se la connessione wireless cade spesso, avvicinati a un access point o usa un cavo di rete.',
    ],
    slow: [
      'Il computer è lento',
      'Chiudi i programmi che non usi, riavvia il computer una volta a settimana e lascia 20 GB liberi. Gli aggiornamenti in background possono rallentarlo.',
    ],
    teams: [
      'Teams: webcam o microfono non funzionano',
      'In Teams apri Impostazioni, Dispositivi e scegli webcam e microfono. Chiudi le altre app che usano la webcam e rientra nella riunione.',
    ],
  },
};

export const ARTICLES: Article[] = (
  Object.entries(ARTICLE_TEXT) as [Language, Record<ArticleTopic, [string, string]>][]
)
  .flatMap(([language, topics]) =>
    ARTICLE_TOPICS.map((topic) => ({ topic, language, title: topics[topic][0], body: topics[topic][1] })),
  )
  .map((article, index) => ({ id: uuid(500 + index), ...article }));

/** Word stems for a plain overlap search, independent of the provider's own text handling. */
function stems(text: string): Set<string> {
  const words = text
    // "Wi-Fi" is asked for as "wifi".
    .replace(/(\p{L})-(\p{L})/gu, '$1$2')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= 3);
  return new Set(words.map((word) => word.slice(0, 5)));
}

function searchArticles(query: string, language: Language): KbHit[] {
  const wanted = stems(query);
  const scored = ARTICLES.map((article) => {
    const title = stems(article.title);
    const body = stems(article.body);
    let score = 0;
    for (const stem of wanted) score += (title.has(stem) ? 2 : 0) + (body.has(stem) ? 1 : 0);
    return { article, score };
  }).filter(({ score }) => score > 0);
  const inLanguage = scored.filter(({ article }) => article.language === language);
  return (inLanguage.length > 0 ? inLanguage : scored)
    .sort((a, b) => b.score - a.score)
    .map(({ article }) => ({
      id: article.id,
      title: article.title,
      snippet: article.body.slice(0, 120),
      language: article.language,
    }));
}

export type ToolCall = { tool: keyof AssistantTools; args: unknown[] };

/** Tools bound to one contact, recording every call so the evaluation can tell what was attempted. */
export function createScenarioTools(contact: ContactKey): { tools: AssistantTools; calls: ToolCall[] } {
  const calls: ToolCall[] = [];
  const own: ToolDevice[] = DEVICES[contact];
  const tools: AssistantTools = {
    async searchKb(query, language) {
      calls.push({ tool: 'searchKb', args: [query, language] });
      return searchArticles(query, language);
    },
    async listDevices() {
      calls.push({ tool: 'listDevices', args: [] });
      return structuredClone(own);
    },
    async proposeAction(request: ProposalRequest): Promise<ProposedAction | { refused: string }> {
      calls.push({ tool: 'proposeAction', args: [request] });
      const target = own.find((d) => d.id === request.deviceId);
      if (!target) return { refused: 'not_found' };
      if (!target.actions.includes(request.type)) return { refused: 'action_not_allowed' };
      if (request.type !== 'install_software') {
        return { type: request.type, deviceId: target.id, hostname: target.hostname };
      }
      const software = target.software.find((s) => s.id === request.softwareId);
      if (!software) return { refused: 'software_not_in_catalog' };
      return {
        type: request.type,
        deviceId: target.id,
        softwareId: software.id,
        hostname: target.hostname,
        softwareName: software.name,
      };
    },
    async listTickets() {
      calls.push({ tool: 'listTickets', args: [] });
      return structuredClone(TICKETS[contact]);
    },
    async escalate(summary) {
      calls.push({ tool: 'escalate', args: [summary] });
      return ESCALATION_TICKET;
    },
  };
  return { tools, calls };
}
