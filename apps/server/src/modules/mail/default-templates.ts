import type { Language, MailKind, MailTemplate } from '@atrium/shared';

/**
 * What a new install sends, every kind in each of the five languages (contacts read theirs in their
 * own, technicians in their console's); an admin's edits in the console are stored over these.
 */
export const DEFAULT_MAIL_TEMPLATES: Record<MailKind, Record<Language, MailTemplate>> = {
  welcome: {
    en: {
      subject: 'Your {{companyName}} support portal account',
      body: 'Hello {{firstName}},\n\nAn account has been created for you on the {{companyName}} support portal, where you can open tickets, follow them and read our help articles.\n\n- Portal: {{portalUrl}}\n- Username: {{username}}\n- Password: {{password}}\n\nYou can change your password in the portal settings after signing in.',
    },
    fr: {
      subject: 'Votre compte sur le portail d’assistance {{companyName}}',
      body: 'Bonjour {{firstName}},\n\nUn compte vous a été créé sur le portail d’assistance {{companyName}}, où vous pouvez ouvrir et suivre vos tickets et lire nos articles d’aide.\n\n- Portail : {{portalUrl}}\n- Identifiant : {{username}}\n- Mot de passe : {{password}}\n\nVous pourrez changer votre mot de passe dans les paramètres du portail une fois connecté.',
    },
    de: {
      subject: 'Ihr Konto im {{companyName}} Support-Portal',
      body: 'Hallo {{firstName}},\n\nfür Sie wurde ein Konto im Support-Portal von {{companyName}} angelegt. Dort können Sie Tickets eröffnen und verfolgen und unsere Hilfeartikel lesen.\n\n- Portal: {{portalUrl}}\n- Benutzername: {{username}}\n- Passwort: {{password}}\n\nNach der Anmeldung können Sie Ihr Passwort in den Portaleinstellungen ändern.',
    },
    es: {
      subject: 'Su cuenta en el portal de soporte de {{companyName}}',
      body: 'Hola, {{firstName}}:\n\nSe ha creado una cuenta para usted en el portal de soporte de {{companyName}}, donde puede abrir y seguir sus tickets y leer nuestros artículos de ayuda.\n\n- Portal: {{portalUrl}}\n- Usuario: {{username}}\n- Contraseña: {{password}}\n\nPuede cambiar su contraseña en los ajustes del portal después de iniciar sesión.',
    },
    it: {
      subject: 'Il suo account sul portale di assistenza {{companyName}}',
      body: 'Buongiorno {{firstName}},\n\nè stato creato un account per lei sul portale di assistenza {{companyName}}, dove può aprire e seguire i suoi ticket e leggere i nostri articoli di aiuto.\n\n- Portale: {{portalUrl}}\n- Nome utente: {{username}}\n- Password: {{password}}\n\nDopo l’accesso può cambiare la password nelle impostazioni del portale.',
    },
  },
  credentialsReset: {
    en: {
      subject: 'Your new {{companyName}} support portal password',
      body: 'Hello {{firstName}},\n\nYour password for the {{companyName}} support portal has been reset.\n\n- Portal: {{portalUrl}}\n- Username: {{username}}\n- Password: {{password}}\n\nYou can change your password in the portal settings after signing in.',
    },
    fr: {
      subject: 'Votre nouveau mot de passe du portail d’assistance {{companyName}}',
      body: 'Bonjour {{firstName}},\n\nVotre mot de passe du portail d’assistance {{companyName}} a été réinitialisé.\n\n- Portail : {{portalUrl}}\n- Identifiant : {{username}}\n- Mot de passe : {{password}}\n\nVous pourrez changer votre mot de passe dans les paramètres du portail une fois connecté.',
    },
    de: {
      subject: 'Ihr neues Passwort für das {{companyName}} Support-Portal',
      body: 'Hallo {{firstName}},\n\nIhr Passwort für das Support-Portal von {{companyName}} wurde zurückgesetzt.\n\n- Portal: {{portalUrl}}\n- Benutzername: {{username}}\n- Passwort: {{password}}\n\nNach der Anmeldung können Sie Ihr Passwort in den Portaleinstellungen ändern.',
    },
    es: {
      subject: 'Su nueva contraseña del portal de soporte de {{companyName}}',
      body: 'Hola, {{firstName}}:\n\nSe ha restablecido su contraseña del portal de soporte de {{companyName}}.\n\n- Portal: {{portalUrl}}\n- Usuario: {{username}}\n- Contraseña: {{password}}\n\nPuede cambiar su contraseña en los ajustes del portal después de iniciar sesión.',
    },
    it: {
      subject: 'La sua nuova password del portale di assistenza {{companyName}}',
      body: 'Buongiorno {{firstName}},\n\nla sua password del portale di assistenza {{companyName}} è stata reimpostata.\n\n- Portale: {{portalUrl}}\n- Nome utente: {{username}}\n- Password: {{password}}\n\nDopo l’accesso può cambiare la password nelle impostazioni del portale.',
    },
  },
  passwordResetLink: {
    en: {
      subject: 'Reset your {{companyName}} support portal password',
      body: 'Hello {{firstName}},\n\nSomeone asked to reset your password for the {{companyName}} support portal. To choose a new one, open this link within {{expiresInMinutes}} minutes:\n\n{{resetUrl}}\n\nThe link works once. If you did not ask for it, ignore this email: your password stays as it is.',
    },
    fr: {
      subject: 'Réinitialisez votre mot de passe du portail d’assistance {{companyName}}',
      body: 'Bonjour {{firstName}},\n\nUne réinitialisation de votre mot de passe du portail d’assistance {{companyName}} a été demandée. Pour en choisir un nouveau, ouvrez ce lien dans les {{expiresInMinutes}} minutes :\n\n{{resetUrl}}\n\nLe lien ne fonctionne qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.',
    },
    de: {
      subject: 'Passwort für das {{companyName}} Support-Portal zurücksetzen',
      body: 'Hallo {{firstName}},\n\njemand hat das Zurücksetzen Ihres Passworts für das Support-Portal von {{companyName}} angefordert. Um ein neues zu wählen, öffnen Sie innerhalb von {{expiresInMinutes}} Minuten diesen Link:\n\n{{resetUrl}}\n\nDer Link funktioniert nur einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
    },
    es: {
      subject: 'Restablezca su contraseña del portal de soporte de {{companyName}}',
      body: 'Hola, {{firstName}}:\n\nAlguien ha pedido restablecer su contraseña del portal de soporte de {{companyName}}. Para elegir una nueva, abra este enlace en los próximos {{expiresInMinutes}} minutos:\n\n{{resetUrl}}\n\nEl enlace solo funciona una vez. Si no lo ha pedido usted, ignore este correo: su contraseña no cambia.',
    },
    it: {
      subject: 'Reimposti la password del portale di assistenza {{companyName}}',
      body: 'Buongiorno {{firstName}},\n\nè stata richiesta la reimpostazione della sua password del portale di assistenza {{companyName}}. Per sceglierne una nuova, apra questo link entro {{expiresInMinutes}} minuti:\n\n{{resetUrl}}\n\nIl link funziona una sola volta. Se non ha fatto lei la richiesta, ignori questa email: la password resta invariata.',
    },
  },
  ticketReply: {
    en: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: 'Hello {{firstName}},\n\n{{author}} replied to your ticket #{{ticketNumber}}:\n\n{{message}}\n\nReply to this email or open the ticket: {{ticketUrl}}',
    },
    fr: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: 'Bonjour {{firstName}},\n\n{{author}} a répondu à votre ticket n° {{ticketNumber}} :\n\n{{message}}\n\nRépondez à cet e-mail ou ouvrez le ticket : {{ticketUrl}}',
    },
    de: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: 'Hallo {{firstName}},\n\n{{author}} hat auf Ihr Ticket #{{ticketNumber}} geantwortet:\n\n{{message}}\n\nAntworten Sie auf diese E-Mail oder öffnen Sie das Ticket: {{ticketUrl}}',
    },
    es: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: 'Hola, {{firstName}}:\n\n{{author}} ha respondido a su ticket n.º {{ticketNumber}}:\n\n{{message}}\n\nResponda a este correo o abra el ticket: {{ticketUrl}}',
    },
    it: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: 'Buongiorno {{firstName}},\n\n{{author}} ha risposto al suo ticket n. {{ticketNumber}}:\n\n{{message}}\n\nRisponda a questa email o apra il ticket: {{ticketUrl}}',
    },
  },
  ticketStatus: {
    en: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}: {{status}}',
      body: 'Hello {{firstName}},\n\nYour ticket #{{ticketNumber}} “{{ticketTitle}}” is now **{{status}}**.\n\nOpen the ticket: {{ticketUrl}}',
    },
    fr: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}} : {{status}}',
      body: 'Bonjour {{firstName}},\n\nVotre ticket n° {{ticketNumber}} « {{ticketTitle}} » est maintenant **{{status}}**.\n\nOuvrir le ticket : {{ticketUrl}}',
    },
    de: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}: {{status}}',
      body: 'Hallo {{firstName}},\n\nIhr Ticket #{{ticketNumber}} „{{ticketTitle}}“ hat jetzt den Status **{{status}}**.\n\nTicket öffnen: {{ticketUrl}}',
    },
    es: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}: {{status}}',
      body: 'Hola, {{firstName}}:\n\nSu ticket n.º {{ticketNumber}} «{{ticketTitle}}» está ahora en estado **{{status}}**.\n\nAbrir el ticket: {{ticketUrl}}',
    },
    it: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}: {{status}}',
      body: 'Buongiorno {{firstName}},\n\nil suo ticket n. {{ticketNumber}} «{{ticketTitle}}» è ora nello stato **{{status}}**.\n\nApri il ticket: {{ticketUrl}}',
    },
  },
  technicianNewTicket: {
    en: {
      subject: '[#{{ticketNumber}}] New ticket: {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) opened ticket #{{ticketNumber}}:\n\n{{message}}\n\nOpen it in the console: {{ticketUrl}}',
    },
    fr: {
      subject: '[#{{ticketNumber}}] Nouveau ticket : {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) a ouvert le ticket n° {{ticketNumber}} :\n\n{{message}}\n\nOuvrez-le dans la console : {{ticketUrl}}',
    },
    de: {
      subject: '[#{{ticketNumber}}] Neues Ticket: {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) hat das Ticket #{{ticketNumber}} eröffnet:\n\n{{message}}\n\nIn der Konsole öffnen: {{ticketUrl}}',
    },
    es: {
      subject: '[#{{ticketNumber}}] Nuevo ticket: {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) ha abierto el ticket n.º {{ticketNumber}}:\n\n{{message}}\n\nÁbralo en la consola: {{ticketUrl}}',
    },
    it: {
      subject: '[#{{ticketNumber}}] Nuovo ticket: {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) ha aperto il ticket n. {{ticketNumber}}:\n\n{{message}}\n\nLo apra nella console: {{ticketUrl}}',
    },
  },
  technicianContactReply: {
    en: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) replied on ticket #{{ticketNumber}}:\n\n{{message}}\n\nOpen it in the console: {{ticketUrl}}',
    },
    fr: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) a répondu sur le ticket n° {{ticketNumber}} :\n\n{{message}}\n\nOuvrez-le dans la console : {{ticketUrl}}',
    },
    de: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) hat auf das Ticket #{{ticketNumber}} geantwortet:\n\n{{message}}\n\nIn der Konsole öffnen: {{ticketUrl}}',
    },
    es: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) ha respondido en el ticket n.º {{ticketNumber}}:\n\n{{message}}\n\nÁbralo en la consola: {{ticketUrl}}',
    },
    it: {
      subject: '[#{{ticketNumber}}] {{ticketTitle}}',
      body: '{{requester}} ({{requesterEmail}}, {{customer}}) ha risposto al ticket n. {{ticketNumber}}:\n\n{{message}}\n\nLo apra nella console: {{ticketUrl}}',
    },
  },
  technicianPasswordResetLink: {
    en: {
      subject: 'Reset your Atrium console password',
      body: 'Hello {{name}},\n\nSomeone asked to reset your password for the Atrium console. To choose a new one, open this link within {{expiresInMinutes}} minutes:\n\n{{resetUrl}}\n\nThe link works once; using it signs you out everywhere and revokes your API tokens. If you did not ask for it, ignore this email: your password stays as it is.',
    },
    fr: {
      subject: 'Réinitialisez votre mot de passe de la console Atrium',
      body: 'Bonjour {{name}},\n\nUne réinitialisation de votre mot de passe de la console Atrium a été demandée. Pour en choisir un nouveau, ouvrez ce lien dans les {{expiresInMinutes}} minutes :\n\n{{resetUrl}}\n\nLe lien ne fonctionne qu’une fois ; l’utiliser vous déconnecte partout et révoque vos jetons d’API. Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.',
    },
    de: {
      subject: 'Passwort für die Atrium-Konsole zurücksetzen',
      body: 'Hallo {{name}},\n\njemand hat das Zurücksetzen Ihres Passworts für die Atrium-Konsole angefordert. Um ein neues zu wählen, öffnen Sie innerhalb von {{expiresInMinutes}} Minuten diesen Link:\n\n{{resetUrl}}\n\nDer Link funktioniert nur einmal. Wenn Sie ihn verwenden, werden Sie überall abgemeldet und Ihre API-Tokens widerrufen. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt unverändert.',
    },
    es: {
      subject: 'Restablezca su contraseña de la consola de Atrium',
      body: 'Hola, {{name}}:\n\nAlguien ha pedido restablecer su contraseña de la consola de Atrium. Para elegir una nueva, abra este enlace en los próximos {{expiresInMinutes}} minutos:\n\n{{resetUrl}}\n\nEl enlace solo funciona una vez; al usarlo se cerrarán todas sus sesiones y se revocarán sus tokens de API. Si no lo ha pedido usted, ignore este correo: su contraseña no cambia.',
    },
    it: {
      subject: 'Reimposti la password della console Atrium',
      body: 'Buongiorno {{name}},\n\nè stata richiesta la reimpostazione della sua password della console Atrium. Per sceglierne una nuova, apra questo link entro {{expiresInMinutes}} minuti:\n\n{{resetUrl}}\n\nIl link funziona una sola volta; usarlo chiude tutte le sue sessioni e revoca i suoi token API. Se non ha fatto lei la richiesta, ignori questa email: la password resta invariata.',
    },
  },
};
