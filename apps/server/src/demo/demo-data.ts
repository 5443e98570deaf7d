import type { Language, TicketPriority } from '@atrium/shared';

/**
 * The demo MSP's world: five small customers in five languages, the people who work there, what
 * they asked for, and the knowledge base the MSP shares with all of them. Domains end in `.example`
 * (reserved for documentation), so no address here can ever reach a real mailbox.
 */

export type DemoComment = { by: 'contact' | 'technician'; body: string; internal?: boolean };

export type DemoTicket = {
  title: string;
  description: string;
  /** In the portal by the customer's contact, or in the console by the assigned technician for them. */
  openedBy: 'contact' | 'technician';
  /** Index into the customer's contacts; the primary one when omitted. */
  contact?: number;
  priority?: TicketPriority;
  type?: 'Problem' | 'Incident' | 'Request' | 'Question' | 'Change';
  /** Index into DEMO_TECHNICIANS; unassigned when omitted. */
  technician?: number;
  comments?: DemoComment[];
  status?: 'Pending' | 'Resolved' | 'Closed';
  billed?: boolean;
};

export type DemoContact = {
  firstName: string;
  lastName: string;
  /** The part before the customer's domain. */
  mailbox: string;
  jobTitle: string;
  phone?: string;
};

export type DemoCustomer = {
  name: string;
  domain: string;
  language: Language;
  phone: string;
  address: string;
  notes?: string;
  /** The first one is the primary contact. */
  contacts: DemoContact[];
  tickets: DemoTicket[];
};

export const DEMO_MSP_NAME = 'Brightline IT';

export const DEMO_TECHNICIANS = [
  { name: 'Sophie Laurent', email: 'sophie.laurent@brightline-it.example' },
  { name: 'Jonas Becker', email: 'jonas.becker@brightline-it.example' },
  { name: 'Marta Ruiz', email: 'marta.ruiz@brightline-it.example' },
] as const;

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    name: 'Cabinet Moreau Expertise Comptable',
    domain: 'cabinet-moreau.example',
    language: 'fr',
    phone: '+33 4 72 00 41 18',
    address: '14 rue de la République\n69002 Lyon\nFrance',
    notes: 'Période fiscale chargée de janvier à mai : éviter les interventions en journée.',
    contacts: [
      {
        firstName: 'Claire',
        lastName: 'Moreau',
        mailbox: 'claire.moreau',
        jobTitle: 'Associée gérante',
        phone: '+33612345678',
      },
      {
        firstName: 'Julien',
        lastName: 'Petit',
        mailbox: 'julien.petit',
        jobTitle: 'Collaborateur comptable',
      },
    ],
    tickets: [
      {
        title: 'Imprimante du 2e étage hors ligne',
        description:
          "Depuis ce matin, l'imprimante Brother du deuxième étage apparaît « hors ligne » sur tous les postes. Elle est allumée et affiche une adresse IP.",
        openedBy: 'contact',
        contact: 1,
        priority: 'Medium',
        type: 'Incident',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: "Bonjour Julien, l'imprimante a reçu une nouvelle adresse du routeur. Je lui ai réservé une adresse fixe, pouvez-vous relancer une impression ?",
          },
          { by: 'contact', body: 'Ça fonctionne à nouveau, merci beaucoup !' },
        ],
        status: 'Resolved',
        billed: true,
      },
      {
        title: 'Accès au logiciel de paie pour une nouvelle collaboratrice',
        description:
          'Émilie Garnier nous rejoint lundi prochain. Pouvez-vous lui créer une session Windows, une adresse e-mail et un accès au logiciel de paie ?',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Request',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: 'Compte et boîte mail créés. Il me manque la licence du logiciel de paie : pouvez-vous confirmer la commande d’un poste supplémentaire auprès de l’éditeur ?',
          },
        ],
        status: 'Pending',
      },
      {
        title: 'Sauvegarde nocturne en échec',
        description:
          'Alerte de supervision : la sauvegarde du serveur de fichiers a échoué deux nuits de suite (disque USB plein).',
        openedBy: 'technician',
        priority: 'High',
        type: 'Problem',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: 'Rotation des anciennes sauvegardes relancée, 40 % libres. Prévoir un disque de 4 To au prochain devis.',
            internal: true,
          },
        ],
      },
      {
        title: 'Messages de la DGFiP classés en spam',
        description:
          "Les notifications de l'espace professionnel impots.gouv arrivent dans les courriers indésirables depuis une semaine.",
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Problem',
        technician: 0,
      },
      {
        title: 'Écran supplémentaire pour le poste de Julien',
        description:
          'Julien aimerait un deuxième écran pour travailler sur les liasses fiscales. Pouvez-vous nous faire un devis ?',
        openedBy: 'contact',
        priority: 'Low',
        type: 'Request',
        comments: [
          { by: 'technician', body: 'Devis envoyé par e-mail : écran 27" avec support, pose comprise.' },
        ],
        technician: 0,
        status: 'Closed',
        billed: true,
      },
      {
        title: 'Certificat de signature électronique expiré',
        description:
          'Le certificat utilisé pour signer les déclarations expire le 31. Le renouvellement doit être installé sur trois postes.',
        openedBy: 'technician',
        priority: 'High',
        type: 'Change',
        technician: 0,
      },
      {
        title: 'Wi-Fi très lent en salle de réunion',
        description:
          'En rendez-vous client, le Wi-Fi coupe régulièrement. Le problème ne se produit pas dans les bureaux.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Low',
        type: 'Problem',
      },
      {
        title: 'Mot de passe Outlook demandé en boucle',
        description:
          "Outlook me redemande mon mot de passe toutes les cinq minutes depuis la mise à jour d'hier.",
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Incident',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: 'Le profil Outlook était corrompu après la mise à jour ; je l’ai recréé à distance.',
          },
          { by: 'contact', body: 'Parfait, plus aucune demande depuis ce matin.' },
        ],
        status: 'Resolved',
      },
    ],
  },
  {
    name: 'Zahnarztpraxis Dr. Hoffmann',
    domain: 'praxis-hoffmann.example',
    language: 'de',
    phone: '+49 89 2180 4410',
    address: 'Leopoldstraße 52\n80802 München\nDeutschland',
    notes: 'Praxisverwaltungssoftware: Wartungsfenster nur mittwochs ab 13 Uhr.',
    contacts: [
      {
        firstName: 'Katrin',
        lastName: 'Hoffmann',
        mailbox: 'k.hoffmann',
        jobTitle: 'Praxisinhaberin',
        phone: '+4915112345678',
      },
      { firstName: 'Lukas', lastName: 'Schneider', mailbox: 'empfang', jobTitle: 'Praxismanager' },
    ],
    tickets: [
      {
        title: 'Röntgenbilder werden am Behandlungsplatz 2 nicht angezeigt',
        description:
          'Seit dem Windows-Update von gestern öffnet der Viewer an Behandlungsplatz 2 keine Röntgenbilder mehr. Fehlermeldung: „Netzwerkpfad nicht gefunden“.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Critical',
        type: 'Incident',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'Das Update hat die Netzwerkfreigabe auf „öffentlich“ gestellt. Ich habe das Profil wieder auf „privat“ gesetzt, bitte einmal testen.',
          },
          { by: 'contact', body: 'Bilder werden wieder angezeigt. Vielen Dank für die schnelle Hilfe!' },
        ],
        status: 'Closed',
        billed: true,
      },
      {
        title: 'Kartenlesegerät erkennt Gesundheitskarten nicht',
        description:
          'Am Empfang werden die eGK seit heute Morgen nicht mehr eingelesen. Das Terminal zeigt „Konnektor nicht erreichbar“.',
        openedBy: 'contact',
        contact: 1,
        priority: 'High',
        type: 'Incident',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'Der Konnektor hat nach dem Stromausfall keine Zeit vom Server bekommen. Neu synchronisiert, Karten werden wieder gelesen.',
          },
        ],
        status: 'Resolved',
      },
      {
        title: 'Neuen Laptop für die Verwaltung einrichten',
        description: 'Bitte einen Laptop für Frau Hoffmann einrichten (Praxissoftware, Drucker, VPN).',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Request',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'Gerät ist bestellt und kommt am Donnerstag. Wir richten es dann vor Ort ein.',
          },
          { by: 'contact', body: 'Donnerstag passt, bitte erst ab 13 Uhr.' },
        ],
      },
      {
        title: 'Virenscanner meldet veraltete Signaturen',
        description: 'Monitoring: Auf zwei Arbeitsplätzen sind die Signaturen älter als sieben Tage.',
        openedBy: 'technician',
        priority: 'Medium',
        type: 'Problem',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'Proxy-Ausnahme für den Update-Server fehlte nach dem Router-Tausch.',
            internal: true,
          },
        ],
        status: 'Resolved',
        billed: true,
      },
      {
        title: 'Terminerinnerungen per SMS kommen nicht an',
        description: 'Patienten berichten, dass sie seit letzter Woche keine SMS-Erinnerungen mehr bekommen.',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Problem',
        comments: [
          {
            by: 'technician',
            body: 'Das Guthaben beim SMS-Anbieter ist aufgebraucht. Können Sie es im Kundenportal des Anbieters aufladen?',
          },
        ],
        technician: 1,
        status: 'Pending',
      },
      {
        title: 'Datenschutz: Bildschirme im Empfang sperren automatisch?',
        description:
          'Können die Bildschirme am Empfang nach zwei Minuten automatisch gesperrt werden? Das hat der Datenschutzbeauftragte empfohlen.',
        openedBy: 'contact',
        priority: 'Low',
        type: 'Question',
      },
      {
        title: 'Firewall-Firmware aktualisieren',
        description: 'Sicherheitsupdate für die Firewall einspielen (kritische Lücke im VPN-Dienst).',
        openedBy: 'technician',
        priority: 'High',
        type: 'Change',
        technician: 1,
      },
      {
        title: 'Drucker am Empfang druckt leere Seiten',
        description: 'Rezepte kommen leer aus dem Drucker, Testseite ebenfalls leer.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Medium',
        type: 'Incident',
      },
    ],
  },
  {
    name: 'Transportes Levante S.L.',
    domain: 'transportes-levante.example',
    language: 'es',
    phone: '+34 963 00 27 45',
    address:
      'Polígono Industrial Fuente del Jarro\nCalle Ciudad de Sevilla 21\n46988 Paterna (Valencia)\nEspaña',
    contacts: [
      {
        firstName: 'Javier',
        lastName: 'Martínez',
        mailbox: 'javier.martinez',
        jobTitle: 'Director de operaciones',
        phone: '+34612345678',
      },
      { firstName: 'Lucía', lastName: 'Fernández', mailbox: 'lucia.fernandez', jobTitle: 'Administración' },
      { firstName: 'Andrés', lastName: 'Gómez', mailbox: 'almacen', jobTitle: 'Jefe de almacén' },
    ],
    tickets: [
      {
        title: 'Los escáneres del almacén no sincronizan',
        description:
          'Los lectores de mano del almacén no envían las lecturas al sistema de gestión desde el cambio de turno. Hay camiones esperando.',
        openedBy: 'contact',
        contact: 2,
        priority: 'Critical',
        type: 'Incident',
        technician: 2,
        comments: [
          {
            by: 'technician',
            body: 'El punto de acceso de la nave 2 se había reiniciado con la configuración de fábrica. Restaurado.',
          },
          { by: 'contact', body: 'Confirmado, ya sincronizan todos. ¡Gracias!' },
        ],
        status: 'Closed',
        billed: true,
      },
      {
        title: 'Alta de tres conductores en el correo',
        description:
          'Necesitamos cuentas de correo para tres conductores nuevos que empiezan el lunes (datos en el documento adjunto que os envié).',
        openedBy: 'contact',
        contact: 1,
        priority: 'Medium',
        type: 'Request',
        technician: 2,
        comments: [
          {
            by: 'technician',
            body: 'Cuentas creadas. Les enviamos las contraseñas por SMS a cada conductor.',
          },
        ],
        status: 'Resolved',
        billed: true,
      },
      {
        title: 'La VPN se corta desde casa',
        description:
          'Cuando trabajo desde casa la VPN se desconecta cada 10 minutos y pierdo el acceso al ERP.',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Problem',
        technician: 2,
        comments: [
          {
            by: 'technician',
            body: '¿Puede indicarnos qué operador de internet tiene en casa? Algunos routers cortan las conexiones inactivas.',
          },
        ],
        status: 'Pending',
      },
      {
        title: 'Renovación de licencias de Microsoft 365',
        description:
          'Las licencias vencen el mes que viene. Revisar cuántos usuarios siguen activos antes de renovar.',
        openedBy: 'technician',
        priority: 'Medium',
        type: 'Change',
        technician: 2,
      },
      {
        title: 'Correo sospechoso de "Agencia Tributaria"',
        description:
          'Me ha llegado un correo de la "Agencia Tributaria" con un enlace para descargar una multa. ¿Es legítimo? No he hecho clic.',
        openedBy: 'contact',
        contact: 1,
        priority: 'High',
        type: 'Question',
        technician: 2,
        comments: [
          {
            by: 'technician',
            body: 'Es phishing. Lo hemos bloqueado para toda la empresa. Ha hecho bien en no abrirlo.',
          },
          { by: 'contact', body: 'Perfecto, gracias por la rapidez.' },
        ],
        status: 'Resolved',
      },
      {
        title: 'Pantalla de la báscula no muestra el peso',
        description: 'El PC conectado a la báscula de la entrada no recibe datos. La báscula funciona.',
        openedBy: 'contact',
        contact: 2,
        priority: 'High',
        type: 'Incident',
      },
      {
        title: 'Copia de seguridad del ERP: prueba de restauración trimestral',
        description:
          'Prueba de restauración programada de la base de datos del ERP en el entorno de pruebas.',
        openedBy: 'technician',
        priority: 'Low',
        type: 'Request',
        technician: 2,
        comments: [{ by: 'technician', body: 'Restauración correcta en 42 minutos.', internal: true }],
        status: 'Closed',
      },
      {
        title: 'Portátil muy lento al arrancar',
        description: 'Mi portátil tarda casi diez minutos en arrancar desde hace unos días.',
        openedBy: 'contact',
        priority: 'Low',
        type: 'Problem',
      },
    ],
  },
  {
    name: 'Studio Rinaldi Architetti',
    domain: 'studio-rinaldi.example',
    language: 'it',
    phone: '+39 02 8943 2210',
    address: 'Via Tortona 31\n20144 Milano\nItalia',
    contacts: [
      {
        firstName: 'Giulia',
        lastName: 'Rinaldi',
        mailbox: 'giulia',
        jobTitle: 'Architetto, titolare',
        phone: '+393471234567',
      },
      { firstName: 'Marco', lastName: 'Bianchi', mailbox: 'marco.bianchi', jobTitle: 'Architetto' },
    ],
    tickets: [
      {
        title: 'Il plotter non stampa i file PDF grandi',
        description:
          'Le tavole in formato A0 si bloccano in coda di stampa. I formati A3 escono senza problemi.',
        openedBy: 'contact',
        contact: 1,
        priority: 'High',
        type: 'Problem',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: 'Abbiamo aumentato la memoria di spool del plotter e aggiornato il driver. Riprovi pure.',
          },
          { by: 'contact', body: 'Stampate tutte le tavole del progetto, grazie!' },
        ],
        status: 'Resolved',
        billed: true,
      },
      {
        title: 'Licenza AutoCAD scaduta per Marco',
        description: "All'avvio AutoCAD dice che la licenza non è valida. Abbiamo una consegna venerdì.",
        openedBy: 'contact',
        contact: 1,
        priority: 'Critical',
        type: 'Incident',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: "La licenza era assegnata al vecchio indirizzo email. L'ho riassegnata al suo utente.",
          },
        ],
        status: 'Closed',
        billed: true,
      },
      {
        title: 'Spazio esaurito sul NAS dei progetti',
        description: 'Il NAS segnala il 95% di occupazione. Possiamo archiviare i progetti prima del 2019?',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Request',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: 'Possiamo spostarli su un archivio cloud a basso costo. Le mando una proposta con i costi mensili.',
          },
        ],
        status: 'Pending',
      },
      {
        title: 'Condivisione di file grandi con i clienti',
        description:
          'Qual è il modo migliore per inviare ai clienti i rendering da 2 GB? Le email li rifiutano.',
        openedBy: 'contact',
        priority: 'Low',
        type: 'Question',
      },
      {
        title: 'Aggiornamento di Windows 11 sulle workstation',
        description:
          'Pianificare l’aggiornamento delle quattro workstation grafiche, fuori dagli orari di consegna.',
        openedBy: 'technician',
        priority: 'Medium',
        type: 'Change',
        technician: 0,
      },
      {
        title: 'Il Wi-Fi ospiti non funziona',
        description: 'I clienti in sala riunioni non riescono a collegarsi alla rete ospiti.',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Incident',
        technician: 0,
        comments: [
          {
            by: 'technician',
            body: 'La password della rete ospiti era stata cambiata per errore. Ripristinata quella sul cartello.',
          },
        ],
        status: 'Resolved',
      },
      {
        title: 'Monitor calibrato per Giulia',
        description:
          'Vorrei un monitor con colori fedeli per la revisione dei rendering. Avete un modello da consigliare?',
        openedBy: 'contact',
        priority: 'Low',
        type: 'Request',
      },
      {
        title: 'Errore di sincronizzazione OneDrive',
        description:
          'OneDrive mostra una croce rossa e dice che alcuni file non possono essere sincronizzati.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Medium',
        type: 'Problem',
      },
    ],
  },
  {
    name: 'Harper & Cole Solicitors',
    domain: 'harpercole.example',
    language: 'en',
    phone: '+44 20 7946 0321',
    address: '18 Bedford Row\nLondon WC1R 4EQ\nUnited Kingdom',
    notes: 'Client confidentiality: no remote sessions without the practice manager’s approval.',
    contacts: [
      {
        firstName: 'Eleanor',
        lastName: 'Harper',
        mailbox: 'eleanor.harper',
        jobTitle: 'Practice Manager',
        phone: '+447700900123',
      },
      { firstName: 'Tom', lastName: 'Whitfield', mailbox: 'tom.whitfield', jobTitle: 'Associate Solicitor' },
    ],
    tickets: [
      {
        title: 'Cannot open documents from the case management system',
        description:
          'Since this morning, clicking a document in the case management system shows "Word could not open the file". It affects everyone.',
        openedBy: 'contact',
        priority: 'Critical',
        type: 'Incident',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'An Office update changed the trusted locations. I have added the document share back for everyone; please restart Word.',
          },
          { by: 'contact', body: 'All working again, thank you for the quick fix.' },
        ],
        status: 'Closed',
        billed: true,
      },
      {
        title: 'New starter: trainee solicitor on Monday',
        description:
          'Please set up an account, email, laptop and case management access for Priya Shah, starting Monday.',
        openedBy: 'contact',
        priority: 'Medium',
        type: 'Request',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'Laptop imaged and account created. Which fee earner group should Priya be in?',
          },
          { by: 'contact', body: 'Conveyancing, please. Same permissions as Tom.' },
        ],
      },
      {
        title: 'Suspicious email asking to change bank details',
        description:
          'A client received an email, apparently from us, asking them to pay the completion money into a new account. We did not send it.',
        openedBy: 'contact',
        priority: 'Critical',
        type: 'Incident',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'No sign-in to your mailboxes from outside the UK, so the sender spoofed your domain. I have tightened the DMARC policy so such mail is rejected.',
          },
          {
            by: 'technician',
            body: 'DMARC moved from p=none to p=reject after checking the reports.',
            internal: true,
          },
        ],
        status: 'Resolved',
        billed: true,
      },
      {
        title: 'Dictation software not picking up the microphone',
        description: 'My dictation app no longer hears the foot-pedal microphone since I moved desks.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Medium',
        type: 'Problem',
        technician: 1,
        comments: [
          { by: 'technician', body: 'Could you tell me which USB port the microphone is plugged into now?' },
        ],
        status: 'Pending',
      },
      {
        title: 'Quarterly patching of the file server',
        description: 'Apply this quarter’s security updates to the file server after hours.',
        openedBy: 'technician',
        priority: 'Medium',
        type: 'Change',
        technician: 1,
      },
      {
        title: 'Scanner saves to the wrong folder',
        description: 'Scans from the copier go to the old "Scans" folder instead of the case inbox.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Low',
        type: 'Problem',
      },
      {
        title: 'Can we get Teams on our phones?',
        description:
          'Is it allowed under our security policy to have Teams on personal phones? If so, how do we set it up?',
        openedBy: 'contact',
        priority: 'Low',
        type: 'Question',
        technician: 1,
        comments: [
          {
            by: 'technician',
            body: 'Yes, with the Company Portal app the firm’s data stays separate. Our knowledge base has a guide: "Your work email on your phone".',
          },
        ],
        status: 'Resolved',
      },
      {
        title: 'Laptop battery drains in two hours',
        description:
          'My laptop battery only lasts about two hours now; it used to last a whole day in court.',
        openedBy: 'contact',
        contact: 1,
        priority: 'Medium',
        type: 'Problem',
      },
    ],
  },
];

type LocalizedName = { en: string } & Partial<Record<Language, string>>;

export type DemoCategory = { key: string; name: LocalizedName };

export const DEMO_KB_CATEGORIES: DemoCategory[] = [
  {
    key: 'accounts',
    name: {
      en: 'Accounts and passwords',
      fr: 'Comptes et mots de passe',
      de: 'Konten und Passwörter',
      es: 'Cuentas y contraseñas',
      it: 'Account e password',
    },
  },
  {
    key: 'remote',
    name: {
      en: 'Working remotely',
      fr: 'Travail à distance',
      de: 'Mobiles Arbeiten',
      es: 'Teletrabajo',
      it: 'Lavoro da remoto',
    },
  },
  {
    key: 'security',
    name: { en: 'Security', fr: 'Sécurité', de: 'Sicherheit', es: 'Seguridad', it: 'Sicurezza' },
  },
];

/** An article and its translations: the first one is the original, the rest are linked to it. */
export type DemoArticleGroup = {
  category: string;
  versions: { language: Language; title: string; body: string }[];
};

export const DEMO_KB_ARTICLES: DemoArticleGroup[] = [
  {
    category: 'accounts',
    versions: [
      {
        language: 'en',
        title: 'Choosing a strong password',
        body: 'A strong password is long rather than complicated.\n\n- Use **at least 14 characters**: three or four unrelated words work well.\n- Never reuse your work password on another site.\n- Store passwords in the password manager we installed, not in a notebook or a spreadsheet.\n\nIf you think someone knows your password, change it at once and tell us in a ticket.',
      },
      {
        language: 'fr',
        title: 'Choisir un mot de passe solide',
        body: 'Un bon mot de passe est long plutôt que compliqué.\n\n- Utilisez **au moins 14 caractères** : trois ou quatre mots sans rapport fonctionnent bien.\n- Ne réutilisez jamais votre mot de passe professionnel sur un autre site.\n- Gardez vos mots de passe dans le gestionnaire que nous avons installé, pas dans un carnet.\n\nSi vous pensez que quelqu’un connaît votre mot de passe, changez-le tout de suite et ouvrez un ticket.',
      },
      {
        language: 'de',
        title: 'Ein sicheres Passwort wählen',
        body: 'Ein sicheres Passwort ist lang, nicht kompliziert.\n\n- Verwenden Sie **mindestens 14 Zeichen**: drei oder vier zusammenhanglose Wörter eignen sich gut.\n- Verwenden Sie Ihr Arbeitspasswort nie für andere Dienste.\n- Speichern Sie Passwörter im installierten Passwort-Manager, nicht auf Zetteln.\n\nWenn jemand Ihr Passwort kennen könnte, ändern Sie es sofort und eröffnen Sie ein Ticket.',
      },
    ],
  },
  {
    category: 'remote',
    versions: [
      {
        language: 'en',
        title: 'Connecting to the office VPN',
        body: '1. Open **WireGuard** from the Start menu (or the menu bar on a Mac).\n2. Select the tunnel named after your company and click **Activate**.\n3. Once connected, your shared drives and business software work as in the office.\n\nThe VPN disconnects after 12 hours; activate it again if you are still working. If it will not connect, check that your home internet works first, then open a ticket.',
      },
      {
        language: 'es',
        title: 'Conectarse a la VPN de la oficina',
        body: '1. Abra **WireGuard** desde el menú Inicio (o la barra de menús en un Mac).\n2. Seleccione el túnel con el nombre de su empresa y pulse **Activar**.\n3. Una vez conectado, las unidades compartidas y el ERP funcionan como en la oficina.\n\nLa VPN se desconecta a las 12 horas; vuelva a activarla si sigue trabajando. Si no conecta, compruebe primero su conexión a internet y después abra un ticket.',
      },
      {
        language: 'it',
        title: 'Collegarsi alla VPN dello studio',
        body: '1. Aprite **WireGuard** dal menu Start (o dalla barra dei menu su Mac).\n2. Selezionate il tunnel con il nome dello studio e fate clic su **Attiva**.\n3. Una volta collegati, il NAS e i programmi funzionano come in ufficio.\n\nLa VPN si disconnette dopo 12 ore; riattivatela se state ancora lavorando. Se non si collega, verificate prima la connessione internet, poi aprite un ticket.',
      },
    ],
  },
  {
    category: 'security',
    versions: [
      {
        language: 'en',
        title: 'How to recognise a phishing email',
        body: 'Be suspicious of any message that:\n\n- is **urgent** or threatening (a fine, a blocked account, an unpaid invoice);\n- asks you to **change bank details** or pay a new account;\n- comes from an address that is *almost* right (`paypa1.com`, `harpercole-law.com`).\n\nDo not click, do not reply: forward the message to us in a ticket and delete it. If you already clicked, tell us at once — it is never a problem to ask.',
      },
      {
        language: 'it',
        title: 'Come riconoscere un’email di phishing',
        body: 'Diffidate dei messaggi che:\n\n- sono **urgenti** o minacciosi (una multa, un account bloccato, una fattura non pagata);\n- chiedono di **cambiare le coordinate bancarie**;\n- arrivano da un indirizzo *quasi* giusto.\n\nNon cliccate e non rispondete: inoltrateci il messaggio in un ticket e cancellatelo. Se avete già cliccato, avvisateci subito.',
      },
    ],
  },
  {
    category: 'remote',
    versions: [
      {
        language: 'en',
        title: 'Your work email on your phone',
        body: '1. Install **Microsoft Outlook** and **Company Portal** from your app store.\n2. Sign in to Company Portal with your work address and follow the steps.\n3. Open Outlook and sign in with the same address.\n\nYour work data stays in its own space on the phone; if the phone is lost, we can wipe the work data only.',
      },
      {
        language: 'de',
        title: 'Dienstliche E-Mails auf dem Smartphone',
        body: '1. Installieren Sie **Microsoft Outlook** und das **Unternehmensportal** aus dem App Store.\n2. Melden Sie sich im Unternehmensportal mit Ihrer Praxisadresse an.\n3. Öffnen Sie Outlook und melden Sie sich mit derselben Adresse an.\n\nDienstliche Daten bleiben getrennt; geht das Telefon verloren, löschen wir nur diese.',
      },
    ],
  },
];
