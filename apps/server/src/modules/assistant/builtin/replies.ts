import type { ActionType, Language } from '@atrium/shared';
import type { ToolTicket } from '../provider';

/**
 * What the builtin assistant says, in the portal's tone: "vous", "Sie" and "usted", "tu" in
 * Italian. Whole sentences per language, never assembled from translated fragments; only names,
 * numbers and lists are filled in. It never says an action ran: it runs once the contact confirms
 * it and types the texted code.
 */
export type Replies = {
  /** "restart PC-ALEX for you": the clause after "I can". */
  action(type: ActionType, hostname: string, software?: string): string;
  propose(clause: string): string;
  askDevice(hostnames: string): string;
  noDevice: string;
  refused(hostname: string): string;
  notInCatalog(software: string | undefined): string;
  approved(names: string): string;
  askSoftware(names: string): string;
  othersDevice: string;
  injection: string;
  offerPerson: string;
  escalated(number: number): string;
  ticketsIntro: string;
  noTickets: string;
  articles: string;
  noArticles: string;
  mayHelp: string;
  noUninstall: string;
  greeting: string;
  thanks: string;
};

export const REPLIES: Record<Language, Replies> = {
  en: {
    action: (type, h, s) =>
      ({
        reboot: `restart ${h} for you`,
        shutdown: `shut down ${h} for you`,
        lock: `lock ${h} for you`,
        logoff: `sign you out of ${h}`,
        reset_password: `reset your password on ${h}`,
        install_software: `install ${s} on ${h} for you`,
      })[type],
    propose: (clause) =>
      `I can ${clause}. Confirm below and we'll text you a code; nothing happens before that.`,
    askDevice: (list) => `Which device do you mean: ${list}? Just write its name.`,
    noDevice: "None of your devices offers that from here, so I can't do it for you.",
    refused: (h) => `I can't offer that on ${h} right now.`,
    notInCatalog: (s) =>
      `${s ?? 'That software'} isn't in the approved software catalog, so I can't install it.`,
    approved: (list) => `Approved for your devices: ${list}.`,
    askSoftware: (list) => `Which software would you like? Approved for your devices: ${list}.`,
    othersDevice:
      "I can only act on your own devices: not on someone else's computer, and not on several at once. " +
      'Your colleague can ask from their own portal, or a technician can look into it.',
    injection:
      "Sorry, I can't do that. I can help with your own devices, software from the approved catalog and IT questions.",
    offerPerson: 'Shall I pass this on to a technician? Just answer yes.',
    escalated: (n) => `I've passed this on to a technician: ticket #${n}. They will get back to you soon.`,
    ticketsIntro: 'Your latest tickets:',
    noTickets: "You don't have any tickets at the moment.",
    articles: 'Here is what I found in the knowledge base:',
    noArticles: "I couldn't find an article about that.",
    mayHelp: 'These articles may help:',
    noUninstall: "I can't remove software from here.",
    greeting:
      'Hello! I can answer IT questions, restart, lock or shut down your computer, install approved software, or pass you on to a technician. What can I do for you?',
    thanks: "You're welcome! Is there anything else I can do for you?",
  },
  fr: {
    action: (type, h, s) =>
      ({
        reboot: `redémarrer ${h} pour vous`,
        shutdown: `éteindre ${h} pour vous`,
        lock: `verrouiller ${h} pour vous`,
        logoff: `fermer votre session sur ${h}`,
        reset_password: `réinitialiser votre mot de passe sur ${h}`,
        install_software: `installer ${s} sur ${h} pour vous`,
      })[type],
    propose: (clause) =>
      `Je peux ${clause}. Confirmez ci-dessous ; nous vous enverrons ensuite un code par SMS. Rien ne se passe avant.`,
    askDevice: (list) => `De quel appareil s’agit-il : ${list} ? Indiquez simplement son nom.`,
    noDevice: 'Aucun de vos appareils ne permet cette action d’ici : je ne peux donc pas la faire pour vous.',
    refused: (h) => `Je ne peux pas proposer cette action sur ${h} pour le moment.`,
    notInCatalog: (s) =>
      `${s ?? 'Ce logiciel'} ne fait pas partie du catalogue de logiciels approuvés : je ne peux donc pas l’installer.`,
    approved: (list) => `Logiciels approuvés pour vos appareils : ${list}.`,
    askSoftware: (list) => `Quel logiciel souhaitez-vous ? Logiciels approuvés pour vos appareils : ${list}.`,
    othersDevice:
      'Je ne peux agir que sur vos propres appareils : ni sur l’ordinateur de quelqu’un d’autre, ni sur plusieurs à la fois. ' +
      'Votre collègue peut en faire la demande depuis son propre portail, ou un technicien peut s’en occuper.',
    injection:
      'Désolé, je ne peux pas faire cela. Je peux vous aider pour vos propres appareils, les logiciels du catalogue approuvé et vos questions informatiques.',
    offerPerson: 'Voulez-vous que je transmette votre demande à un technicien ? Répondez simplement oui.',
    escalated: (n) =>
      `J’ai transmis votre demande à un technicien : ticket n° ${n}. Il reviendra vers vous rapidement.`,
    ticketsIntro: 'Vos derniers tickets :',
    noTickets: 'Vous n’avez aucun ticket pour le moment.',
    articles: 'Voici ce que j’ai trouvé dans la base de connaissances :',
    noArticles: 'Je n’ai pas trouvé d’article à ce sujet.',
    mayHelp: 'Ces articles peuvent vous aider :',
    noUninstall: 'Je ne peux pas désinstaller de logiciel d’ici.',
    greeting:
      'Bonjour ! Je peux répondre à vos questions informatiques, redémarrer, verrouiller ou éteindre votre ordinateur, installer un logiciel approuvé ou vous mettre en relation avec un technicien. Que puis-je faire pour vous ?',
    thanks: 'Avec plaisir ! Puis-je faire autre chose pour vous ?',
  },
  de: {
    action: (type, h, s) =>
      ({
        reboot: `${h} für Sie neu starten`,
        shutdown: `${h} für Sie herunterfahren`,
        lock: `${h} für Sie sperren`,
        logoff: `Sie von ${h} abmelden`,
        reset_password: `Ihr Passwort auf ${h} zurücksetzen`,
        install_software: `${s} für Sie auf ${h} installieren`,
      })[type],
    propose: (clause) =>
      `Ich kann ${clause}. Bestätigen Sie unten; wir schicken Ihnen dann einen Code per SMS. Vorher passiert nichts.`,
    askDevice: (list) => `Welches Gerät meinen Sie: ${list}? Schreiben Sie einfach seinen Namen.`,
    noDevice: 'Keines Ihrer Geräte bietet diese Aktion hier an, daher kann ich das nicht für Sie erledigen.',
    refused: (h) => `Diese Aktion kann ich für ${h} gerade nicht anbieten.`,
    notInCatalog: (s) =>
      `${s ?? 'Diese Software'} ist nicht im Katalog freigegebener Software, daher kann ich sie nicht installieren.`,
    approved: (list) => `Für Ihre Geräte freigegeben: ${list}.`,
    askSoftware: (list) => `Welche Software möchten Sie? Für Ihre Geräte freigegeben: ${list}.`,
    othersDevice:
      'Ich kann nur auf Ihren eigenen Geräten etwas tun: nicht auf dem Rechner einer anderen Person und nicht auf mehreren zugleich. ' +
      'Ihre Kollegin oder Ihr Kollege kann das im eigenen Portal anfragen, oder ein Techniker kümmert sich darum.',
    injection:
      'Das kann ich leider nicht tun. Ich helfe Ihnen gern bei Ihren eigenen Geräten, bei Software aus dem freigegebenen Katalog und bei IT-Fragen.',
    offerPerson: 'Soll ich das an einen Techniker weitergeben? Antworten Sie einfach mit Ja.',
    escalated: (n) =>
      `Ich habe Ihr Anliegen an einen Techniker weitergegeben: Ticket Nr. ${n}. Man meldet sich bald bei Ihnen.`,
    ticketsIntro: 'Ihre neuesten Tickets:',
    noTickets: 'Sie haben derzeit keine Tickets.',
    articles: 'Das habe ich in der Wissensdatenbank gefunden:',
    noArticles: 'Dazu habe ich keinen Artikel gefunden.',
    mayHelp: 'Diese Artikel helfen vielleicht:',
    noUninstall: 'Software deinstallieren kann ich von hier aus nicht.',
    greeting:
      'Hallo! Ich beantworte IT-Fragen, starte Ihren Rechner neu, sperre ihn oder fahre ihn herunter, installiere freigegebene Software oder verbinde Sie mit einem Techniker. Was kann ich für Sie tun?',
    thanks: 'Gern geschehen! Kann ich sonst noch etwas für Sie tun?',
  },
  es: {
    action: (type, h, s) =>
      ({
        reboot: `reiniciar ${h} por usted`,
        shutdown: `apagar ${h} por usted`,
        lock: `bloquear ${h} por usted`,
        logoff: `cerrar su sesión en ${h}`,
        reset_password: `restablecer su contraseña en ${h}`,
        install_software: `instalar ${s} en ${h} por usted`,
      })[type],
    propose: (clause) =>
      `Puedo ${clause}. Confirme abajo y le enviaremos un código por SMS; antes no se hará nada.`,
    askDevice: (list) => `¿A qué dispositivo se refiere: ${list}? Escriba simplemente su nombre.`,
    noDevice:
      'Ninguno de sus dispositivos permite esa acción desde aquí, así que no puedo hacerla por usted.',
    refused: (h) => `Ahora mismo no puedo ofrecer esa acción en ${h}.`,
    notInCatalog: (s) =>
      `${s ?? 'Ese programa'} no está en el catálogo de software aprobado, así que no puedo instalarlo.`,
    approved: (list) => `Aprobado para sus dispositivos: ${list}.`,
    askSoftware: (list) => `¿Qué programa desea? Aprobado para sus dispositivos: ${list}.`,
    othersDevice:
      'Solo puedo actuar en sus propios dispositivos: no en el ordenador de otra persona ni en varios a la vez. ' +
      'Su compañero puede pedirlo desde su propio portal, o un técnico puede encargarse.',
    injection:
      'Lo siento, no puedo hacer eso. Puedo ayudarle con sus propios dispositivos, el software del catálogo aprobado y sus dudas de informática.',
    offerPerson: '¿Quiere que se lo pase a un técnico? Responda simplemente sí.',
    escalated: (n) =>
      `He pasado su consulta a un técnico: ticket n.º ${n}. Se pondrá en contacto con usted pronto.`,
    ticketsIntro: 'Sus últimos tickets:',
    noTickets: 'No tiene ningún ticket en este momento.',
    articles: 'Esto es lo que he encontrado en la base de conocimientos:',
    noArticles: 'No he encontrado ningún artículo sobre eso.',
    mayHelp: 'Estos artículos pueden ayudarle:',
    noUninstall: 'Desde aquí no puedo desinstalar programas.',
    greeting:
      '¡Hola! Puedo responder a sus dudas de informática, reiniciar, bloquear o apagar su ordenador, instalar software aprobado o ponerle en contacto con un técnico. ¿En qué puedo ayudarle?',
    thanks: '¡De nada! ¿Puedo ayudarle en algo más?',
  },
  it: {
    action: (type, h, s) =>
      ({
        reboot: `riavviare ${h} per te`,
        shutdown: `spegnere ${h} per te`,
        lock: `bloccare ${h} per te`,
        logoff: `disconnetterti da ${h}`,
        reset_password: `reimpostare la tua password su ${h}`,
        install_software: `installare ${s} su ${h} per te`,
      })[type],
    propose: (clause) =>
      `Posso ${clause}. Conferma qui sotto e ti invieremo un codice via SMS; prima non succede nulla.`,
    askDevice: (list) => `Quale dispositivo intendi: ${list}? Scrivi semplicemente il suo nome.`,
    noDevice: 'Nessuno dei tuoi dispositivi consente questa azione da qui, quindi non posso farla per te.',
    refused: (h) => `Al momento non posso proporti questa azione su ${h}.`,
    notInCatalog: (s) =>
      `${s ?? 'Questo software'} non è nel catalogo del software approvato, quindi non posso installarlo.`,
    approved: (list) => `Approvato per i tuoi dispositivi: ${list}.`,
    askSoftware: (list) => `Quale software vuoi? Approvato per i tuoi dispositivi: ${list}.`,
    othersDevice:
      'Posso agire solo sui tuoi dispositivi: non sul computer di un’altra persona né su più computer insieme. ' +
      'Il tuo collega può chiederlo dal proprio portale, oppure se ne può occupare un tecnico.',
    injection:
      'Mi dispiace, non posso farlo. Posso aiutarti con i tuoi dispositivi, il software del catalogo approvato e le domande di informatica.',
    offerPerson: 'Vuoi che passi la richiesta a un tecnico? Rispondi semplicemente sì.',
    escalated: (n) => `Ho passato la tua richiesta a un tecnico: ticket n. ${n}. Ti ricontatterà presto.`,
    ticketsIntro: 'I tuoi ultimi ticket:',
    noTickets: 'Al momento non hai ticket.',
    articles: 'Ecco cosa ho trovato nella base di conoscenza:',
    noArticles: 'Non ho trovato articoli su questo argomento.',
    mayHelp: 'Questi articoli potrebbero aiutarti:',
    noUninstall: 'Da qui non posso disinstallare software.',
    greeting:
      'Ciao! Posso rispondere alle tue domande di informatica, riavviare, bloccare o spegnere il tuo computer, installare software approvato o passarti a un tecnico. Cosa posso fare per te?',
    thanks: 'Prego! Posso fare qualcos’altro per te?',
  },
};

export function ticketLine(ticket: ToolTicket, language: Language): string {
  const updated = new Intl.DateTimeFormat(language, { dateStyle: 'medium' }).format(
    new Date(ticket.updatedAt),
  );
  return `#${ticket.number} ${ticket.title} (${ticket.status}, ${updated})`;
}

export function listOf(items: string[], language: Language, type: 'conjunction' | 'disjunction'): string {
  return new Intl.ListFormat(language, { style: 'long', type }).format(items);
}
