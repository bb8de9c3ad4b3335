/**
 * The wording of the notices, per language: English, French, Spanish, German and Arabic. A language
 * without its own table falls back to English (see `stringsFor`). Restriction labels come from the
 * taxonomy for English and French, and from `restriction-labels.ts` for the others.
 */
import type { AutomatedDecisionKey, SourceTypeKey } from '../taxonomy/dsa.ts';
import { restrictionLabel, type NoticeLocale, type RestrictionKey } from './restriction-labels.ts';

export type { NoticeLocale } from './restriction-labels.ts';

export interface NoticeStrings {
  locale: NoticeLocale;
  restriction(key: RestrictionKey): string;
  // Statement of reasons (Art. 17).
  sorSubject(reference: string): string;
  sorHeading: string;
  sorIntro(platform: string): string;
  contentLocation(url: string): string;
  until(date: string): string;
  noEndDate: string;
  scope(countries: string): string;
  wholeEea: string;
  decidedOn(date: string): string;
  factsHeading: string;
  source: Record<SourceTypeKey, string>;
  notifier(identity: string): string;
  automationHeading: string;
  detection(automated: boolean): string;
  decision: Record<AutomatedDecisionKey, string>;
  groundsHeading: string;
  illegalGround(legalGround: string): string;
  termsGround(clause: string): string;
  reasons(explanation: string): string;
  referenceLink: string;
  alsoIllegal: string;
  redressHeading: string;
  complaint(deadline: string): string;
  complaintLink: string;
  ods: string;
  odsLink: string;
  court: string;
  // Outcome for the reporter (Art. 16(5)).
  reportSubject(reference: string): string;
  reportIntro(reference: string): string;
  reportActed: string;
  reportNotActed: string;
  reviewerNote(note: string): string;
  reportComplaint(deadline: string): string;
  // Outcome of a complaint (Art. 20(5)).
  appealSubject(reference: string): string;
  appealUpheld: string;
  appealReversed: string;
  appealReasonsHeading: string;
  appealHuman: string;
}

const en: NoticeStrings = {
  locale: 'en',
  restriction: (key) => restrictionLabel(key, 'en'),
  sorSubject: (reference) => `Decision about your content or account (case ${reference})`,
  sorHeading: 'Statement of reasons',
  sorIntro: (platform) => `${platform} has restricted content you posted or your account, as follows:`,
  contentLocation: (url) => `Content concerned: ${url}`,
  until: (date) => `until ${date}`,
  noEndDate: 'with no end date',
  scope: (countries) => `Where it applies: ${countries}.`,
  wholeEea: 'the whole European Economic Area',
  decidedOn: (date) => `Date of the decision: ${date}.`,
  factsHeading: 'Facts and circumstances',
  source: {
    SOURCE_ARTICLE_16:
      'This decision follows a notice submitted under Article 16 of the Digital Services Act.',
    SOURCE_TRUSTED_FLAGGER: 'This decision follows a notice submitted by a trusted flagger (Article 22 DSA).',
    SOURCE_TYPE_OTHER_NOTIFICATION: 'This decision follows a notification we received.',
    SOURCE_VOLUNTARY: 'This decision results from our own initiative.',
  },
  notifier: (identity) => `Notifier: ${identity}.`,
  automationHeading: 'Use of automated means',
  detection: (automated) =>
    automated
      ? 'The content was detected or identified by automated means.'
      : 'The content was not detected by automated means.',
  decision: {
    AUTOMATED_DECISION_FULLY: 'The decision was taken by automated means, without human intervention.',
    AUTOMATED_DECISION_PARTIALLY:
      'The decision was taken with the help of automated means and reviewed by a person.',
    AUTOMATED_DECISION_NOT_AUTOMATED: 'The decision was taken by a person, without automated means.',
  },
  groundsHeading: 'Grounds for the decision',
  illegalGround: (legalGround) => `We consider the content illegal under: ${legalGround}.`,
  termsGround: (clause) => `We consider the content incompatible with our terms and conditions: ${clause}.`,
  reasons: (explanation) => `Why: ${explanation}`,
  referenceLink: 'Text of the rule',
  alsoIllegal: 'We also consider the content illegal.',
  redressHeading: 'How to contest this decision',
  complaint: (deadline) =>
    `You can lodge a complaint, free of charge, with our internal complaint-handling system until ${deadline}. ` +
    'A person other than the one who took the decision will review it.',
  complaintLink: 'Lodge a complaint',
  ods:
    'You may also refer the dispute to an out-of-court dispute settlement body certified under Article 21 ' +
    'of the Digital Services Act. Its decision is not binding; if it decides in your favour, we bear its fees.',
  odsLink: 'Certified out-of-court dispute settlement bodies',
  court: 'You can also bring the matter before a court at any time.',
  reportSubject: (reference) => `Outcome of your report ${reference}`,
  reportIntro: (reference) => `Thank you for your report ${reference}. We have reviewed it.`,
  reportActed: 'We have taken the following action:',
  reportNotActed: 'After review, we have decided not to take action on this content.',
  reviewerNote: (note) => `Our reviewer adds: ${note}`,
  reportComplaint: (deadline) =>
    `If you disagree, you can lodge a complaint, free of charge, until ${deadline}.`,
  appealSubject: (reference) => `Decision on your complaint (case ${reference})`,
  appealUpheld: 'We have reviewed your complaint and confirmed the original decision.',
  appealReversed: 'We have reviewed your complaint and reversed the original decision.',
  appealReasonsHeading: 'Reasons',
  appealHuman:
    'Your complaint was decided by a person other than the one who took the original decision, not solely by automated means.',
};

const fr: NoticeStrings = {
  locale: 'fr',
  restriction: (key) => restrictionLabel(key, 'fr'),
  sorSubject: (reference) => `Décision concernant votre contenu ou votre compte (dossier ${reference})`,
  sorHeading: 'Exposé des motifs',
  sorIntro: (platform) =>
    `${platform} a restreint un contenu que vous avez publié ou votre compte, comme suit :`,
  contentLocation: (url) => `Contenu concerné : ${url}`,
  until: (date) => `jusqu’au ${date}`,
  noEndDate: 'sans date de fin',
  scope: (countries) => `Champ territorial : ${countries}.`,
  wholeEea: 'l’ensemble de l’Espace économique européen',
  decidedOn: (date) => `Date de la décision : ${date}.`,
  factsHeading: 'Faits et circonstances',
  source: {
    SOURCE_ARTICLE_16:
      'Cette décision fait suite à une notification soumise en vertu de l’article 16 du règlement sur les services numériques.',
    SOURCE_TRUSTED_FLAGGER:
      'Cette décision fait suite à une notification d’un signaleur de confiance (article 22 du règlement sur les services numériques).',
    SOURCE_TYPE_OTHER_NOTIFICATION: 'Cette décision fait suite à un signalement que nous avons reçu.',
    SOURCE_VOLUNTARY: 'Cette décision résulte de notre propre initiative.',
  },
  notifier: (identity) => `Auteur de la notification : ${identity}.`,
  automationHeading: 'Recours à des moyens automatisés',
  detection: (automated) =>
    automated
      ? 'Le contenu a été détecté ou identifié par des moyens automatisés.'
      : 'Le contenu n’a pas été détecté par des moyens automatisés.',
  decision: {
    AUTOMATED_DECISION_FULLY:
      'La décision a été prise par des moyens automatisés, sans intervention humaine.',
    AUTOMATED_DECISION_PARTIALLY:
      'La décision a été prise avec l’aide de moyens automatisés et vérifiée par une personne.',
    AUTOMATED_DECISION_NOT_AUTOMATED: 'La décision a été prise par une personne, sans moyens automatisés.',
  },
  groundsHeading: 'Motifs de la décision',
  illegalGround: (legalGround) => `Nous considérons ce contenu comme illicite au regard de : ${legalGround}.`,
  termsGround: (clause) =>
    `Nous considérons ce contenu comme incompatible avec nos conditions générales : ${clause}.`,
  reasons: (explanation) => `Pourquoi : ${explanation}`,
  referenceLink: 'Texte de la règle',
  alsoIllegal: 'Nous considérons également ce contenu comme illicite.',
  redressHeading: 'Comment contester cette décision',
  complaint: (deadline) =>
    `Vous pouvez introduire gratuitement une réclamation auprès de notre système interne de traitement des réclamations jusqu’au ${deadline}. ` +
    'Elle sera examinée par une autre personne que celle qui a pris la décision.',
  complaintLink: 'Introduire une réclamation',
  ods:
    'Vous pouvez aussi soumettre le litige à un organe de règlement extrajudiciaire des litiges certifié au titre de ' +
    'l’article 21 du règlement sur les services numériques. Sa décision n’est pas contraignante ; s’il vous donne raison, ' +
    'nous prenons ses frais en charge.',
  odsLink: 'Organes de règlement extrajudiciaire des litiges certifiés',
  court: 'Vous pouvez également saisir la justice à tout moment.',
  reportSubject: (reference) => `Suite donnée à votre signalement ${reference}`,
  reportIntro: (reference) => `Merci pour votre signalement ${reference}. Nous l’avons examiné.`,
  reportActed: 'Nous avons pris la mesure suivante :',
  reportNotActed: 'Après examen, nous avons décidé de ne pas agir sur ce contenu.',
  reviewerNote: (note) => `Précision de notre équipe : ${note}`,
  reportComplaint: (deadline) =>
    `Si vous n’êtes pas d’accord, vous pouvez introduire gratuitement une réclamation jusqu’au ${deadline}.`,
  appealSubject: (reference) => `Décision sur votre réclamation (dossier ${reference})`,
  appealUpheld: 'Nous avons examiné votre réclamation et confirmé la décision initiale.',
  appealReversed: 'Nous avons examiné votre réclamation et annulé la décision initiale.',
  appealReasonsHeading: 'Motifs',
  appealHuman:
    'Votre réclamation a été tranchée par une autre personne que celle qui a pris la décision initiale, et pas uniquement par des moyens automatisés.',
};

const es: NoticeStrings = {
  locale: 'es',
  restriction: (key) => restrictionLabel(key, 'es'),
  sorSubject: (reference) => `Decisión sobre su contenido o su cuenta (expediente ${reference})`,
  sorHeading: 'Exposición de motivos',
  sorIntro: (platform) =>
    `${platform} ha restringido un contenido que usted publicó o su cuenta, como sigue:`,
  contentLocation: (url) => `Contenido afectado: ${url}`,
  until: (date) => `hasta el ${date}`,
  noEndDate: 'sin fecha de finalización',
  scope: (countries) => `Ámbito territorial: ${countries}.`,
  wholeEea: 'todo el Espacio Económico Europeo',
  decidedOn: (date) => `Fecha de la decisión: ${date}.`,
  factsHeading: 'Hechos y circunstancias',
  source: {
    SOURCE_ARTICLE_16:
      'Esta decisión responde a una notificación presentada con arreglo al artículo 16 del Reglamento de Servicios Digitales.',
    SOURCE_TRUSTED_FLAGGER:
      'Esta decisión responde a una notificación de un alertador fiable (artículo 22 del Reglamento de Servicios Digitales).',
    SOURCE_TYPE_OTHER_NOTIFICATION: 'Esta decisión responde a una notificación que hemos recibido.',
    SOURCE_VOLUNTARY: 'Esta decisión es fruto de nuestra propia iniciativa.',
  },
  notifier: (identity) => `Notificante: ${identity}.`,
  automationHeading: 'Uso de medios automatizados',
  detection: (automated) =>
    automated
      ? 'El contenido fue detectado o identificado por medios automatizados.'
      : 'El contenido no fue detectado por medios automatizados.',
  decision: {
    AUTOMATED_DECISION_FULLY: 'La decisión se tomó por medios automatizados, sin intervención humana.',
    AUTOMATED_DECISION_PARTIALLY:
      'La decisión se tomó con ayuda de medios automatizados y fue revisada por una persona.',
    AUTOMATED_DECISION_NOT_AUTOMATED: 'La decisión la tomó una persona, sin medios automatizados.',
  },
  groundsHeading: 'Motivos de la decisión',
  illegalGround: (legalGround) => `Consideramos que el contenido es ilícito con arreglo a: ${legalGround}.`,
  termsGround: (clause) =>
    `Consideramos que el contenido es incompatible con nuestras condiciones generales: ${clause}.`,
  reasons: (explanation) => `Por qué: ${explanation}`,
  referenceLink: 'Texto de la norma',
  alsoIllegal: 'También consideramos que el contenido es ilícito.',
  redressHeading: 'Cómo impugnar esta decisión',
  complaint: (deadline) =>
    `Puede presentar gratuitamente una reclamación ante nuestro sistema interno de gestión de reclamaciones hasta el ${deadline}. ` +
    'La examinará una persona distinta de la que tomó la decisión.',
  complaintLink: 'Presentar una reclamación',
  ods:
    'También puede someter el litigio a un órgano de resolución extrajudicial de litigios certificado conforme al ' +
    'artículo 21 del Reglamento de Servicios Digitales. Su decisión no es vinculante; si le da la razón, asumiremos sus costes.',
  odsLink: 'Órganos certificados de resolución extrajudicial de litigios',
  court: 'También puede acudir a los tribunales en cualquier momento.',
  reportSubject: (reference) => `Resultado de su notificación ${reference}`,
  reportIntro: (reference) => `Gracias por su notificación ${reference}. La hemos examinado.`,
  reportActed: 'Hemos adoptado la siguiente medida:',
  reportNotActed: 'Tras examinarlo, hemos decidido no adoptar ninguna medida sobre este contenido.',
  reviewerNote: (note) => `Nuestro equipo añade: ${note}`,
  reportComplaint: (deadline) =>
    `Si no está de acuerdo, puede presentar gratuitamente una reclamación hasta el ${deadline}.`,
  appealSubject: (reference) => `Decisión sobre su reclamación (expediente ${reference})`,
  appealUpheld: 'Hemos examinado su reclamación y confirmado la decisión inicial.',
  appealReversed: 'Hemos examinado su reclamación y revocado la decisión inicial.',
  appealReasonsHeading: 'Motivos',
  appealHuman:
    'Su reclamación la resolvió una persona distinta de la que tomó la decisión inicial, y no únicamente por medios automatizados.',
};

const de: NoticeStrings = {
  locale: 'de',
  restriction: (key) => restrictionLabel(key, 'de'),
  sorSubject: (reference) => `Entscheidung zu Ihrem Inhalt oder Konto (Vorgang ${reference})`,
  sorHeading: 'Begründung',
  sorIntro: (platform) =>
    `${platform} hat einen von Ihnen veröffentlichten Inhalt oder Ihr Konto wie folgt eingeschränkt:`,
  contentLocation: (url) => `Betroffener Inhalt: ${url}`,
  until: (date) => `bis ${date}`,
  noEndDate: 'ohne Enddatum',
  scope: (countries) => `Räumlicher Geltungsbereich: ${countries}.`,
  wholeEea: 'der gesamte Europäische Wirtschaftsraum',
  decidedOn: (date) => `Datum der Entscheidung: ${date}.`,
  factsHeading: 'Tatsachen und Umstände',
  source: {
    SOURCE_ARTICLE_16:
      'Diese Entscheidung beruht auf einer Meldung nach Artikel 16 des Gesetzes über digitale Dienste.',
    SOURCE_TRUSTED_FLAGGER:
      'Diese Entscheidung beruht auf einer Meldung eines vertrauenswürdigen Hinweisgebers (Artikel 22 des Gesetzes über digitale Dienste).',
    SOURCE_TYPE_OTHER_NOTIFICATION: 'Diese Entscheidung beruht auf einer bei uns eingegangenen Meldung.',
    SOURCE_VOLUNTARY: 'Diese Entscheidung beruht auf unserer eigenen Initiative.',
  },
  notifier: (identity) => `Meldende Stelle: ${identity}.`,
  automationHeading: 'Einsatz automatisierter Mittel',
  detection: (automated) =>
    automated
      ? 'Der Inhalt wurde mit automatisierten Mitteln erkannt oder identifiziert.'
      : 'Der Inhalt wurde nicht mit automatisierten Mitteln erkannt.',
  decision: {
    AUTOMATED_DECISION_FULLY:
      'Die Entscheidung wurde mit automatisierten Mitteln ohne menschliches Zutun getroffen.',
    AUTOMATED_DECISION_PARTIALLY:
      'Die Entscheidung wurde mit Hilfe automatisierter Mittel getroffen und von einem Menschen geprüft.',
    AUTOMATED_DECISION_NOT_AUTOMATED:
      'Die Entscheidung wurde von einem Menschen ohne automatisierte Mittel getroffen.',
  },
  groundsHeading: 'Gründe der Entscheidung',
  illegalGround: (legalGround) => `Wir halten den Inhalt für rechtswidrig nach: ${legalGround}.`,
  termsGround: (clause) =>
    `Wir halten den Inhalt für unvereinbar mit unseren Nutzungsbedingungen: ${clause}.`,
  reasons: (explanation) => `Warum: ${explanation}`,
  referenceLink: 'Wortlaut der Regel',
  alsoIllegal: 'Wir halten den Inhalt außerdem für rechtswidrig.',
  redressHeading: 'So können Sie die Entscheidung anfechten',
  complaint: (deadline) =>
    `Sie können bis ${deadline} kostenlos eine Beschwerde über unser internes Beschwerdemanagementsystem einlegen. ` +
    'Sie wird von einer anderen Person geprüft als der, die die Entscheidung getroffen hat.',
  complaintLink: 'Beschwerde einlegen',
  ods:
    'Sie können die Streitigkeit auch einer nach Artikel 21 des Gesetzes über digitale Dienste zertifizierten ' +
    'außergerichtlichen Streitbeilegungsstelle vorlegen. Ihre Entscheidung ist nicht bindend; entscheidet sie zu Ihren Gunsten, tragen wir die Gebühren.',
  odsLink: 'Zertifizierte außergerichtliche Streitbeilegungsstellen',
  court: 'Sie können die Sache außerdem jederzeit vor Gericht bringen.',
  reportSubject: (reference) => `Ergebnis Ihrer Meldung ${reference}`,
  reportIntro: (reference) => `Vielen Dank für Ihre Meldung ${reference}. Wir haben sie geprüft.`,
  reportActed: 'Wir haben folgende Maßnahme ergriffen:',
  reportNotActed: 'Nach Prüfung haben wir entschieden, gegen diesen Inhalt nicht vorzugehen.',
  reviewerNote: (note) => `Unser Team ergänzt: ${note}`,
  reportComplaint: (deadline) =>
    `Wenn Sie nicht einverstanden sind, können Sie bis ${deadline} kostenlos eine Beschwerde einlegen.`,
  appealSubject: (reference) => `Entscheidung über Ihre Beschwerde (Vorgang ${reference})`,
  appealUpheld: 'Wir haben Ihre Beschwerde geprüft und die ursprüngliche Entscheidung bestätigt.',
  appealReversed: 'Wir haben Ihre Beschwerde geprüft und die ursprüngliche Entscheidung aufgehoben.',
  appealReasonsHeading: 'Gründe',
  appealHuman:
    'Über Ihre Beschwerde hat eine andere Person entschieden als die, die die ursprüngliche Entscheidung getroffen hat, und nicht allein mit automatisierten Mitteln.',
};

const ar: NoticeStrings = {
  locale: 'ar',
  restriction: (key) => restrictionLabel(key, 'ar'),
  sorSubject: (reference) => `قرار بشأن المحتوى الخاص بك أو حسابك (الملف ${reference})`,
  sorHeading: 'بيان الأسباب',
  sorIntro: (platform) => `قامت ${platform} بتقييد محتوى نشرته أو تقييد حسابك على النحو التالي:`,
  contentLocation: (url) => `المحتوى المعني: ${url}`,
  until: (date) => `حتى ${date}`,
  noEndDate: 'دون تاريخ انتهاء',
  scope: (countries) => `النطاق الجغرافي: ${countries}.`,
  wholeEea: 'المنطقة الاقتصادية الأوروبية بأكملها',
  decidedOn: (date) => `تاريخ القرار: ${date}.`,
  factsHeading: 'الوقائع والظروف',
  source: {
    SOURCE_ARTICLE_16: 'جاء هذا القرار إثر إشعار مقدَّم بموجب المادة 16 من قانون الخدمات الرقمية.',
    SOURCE_TRUSTED_FLAGGER: 'جاء هذا القرار إثر إشعار من مُبلِّغ موثوق (المادة 22 من قانون الخدمات الرقمية).',
    SOURCE_TYPE_OTHER_NOTIFICATION: 'جاء هذا القرار إثر بلاغ تلقيناه.',
    SOURCE_VOLUNTARY: 'جاء هذا القرار بمبادرة منا.',
  },
  notifier: (identity) => `مقدِّم الإشعار: ${identity}.`,
  automationHeading: 'استخدام الوسائل الآلية',
  detection: (automated) =>
    automated ? 'تم اكتشاف المحتوى أو تحديده بوسائل آلية.' : 'لم يتم اكتشاف المحتوى بوسائل آلية.',
  decision: {
    AUTOMATED_DECISION_FULLY: 'اتُّخذ القرار بوسائل آلية دون تدخل بشري.',
    AUTOMATED_DECISION_PARTIALLY: 'اتُّخذ القرار بمساعدة وسائل آلية وراجعه شخص.',
    AUTOMATED_DECISION_NOT_AUTOMATED: 'اتخذ القرار شخصٌ دون وسائل آلية.',
  },
  groundsHeading: 'أسباب القرار',
  illegalGround: (legalGround) => `نعتبر أن المحتوى غير قانوني بموجب: ${legalGround}.`,
  termsGround: (clause) => `نعتبر أن المحتوى يخالف شروطنا وأحكامنا: ${clause}.`,
  reasons: (explanation) => `السبب: ${explanation}`,
  referenceLink: 'نص القاعدة',
  alsoIllegal: 'نعتبر أيضًا أن المحتوى غير قانوني.',
  redressHeading: 'كيفية الطعن في هذا القرار',
  complaint: (deadline) =>
    `يمكنك تقديم شكوى مجانًا عبر نظامنا الداخلي لمعالجة الشكاوى حتى ${deadline}. ` +
    'سيراجعها شخص غير الذي اتخذ القرار.',
  complaintLink: 'تقديم شكوى',
  ods:
    'يمكنك أيضًا إحالة النزاع إلى هيئة لتسوية المنازعات خارج المحاكم معتمدة بموجب المادة 21 من قانون الخدمات الرقمية. ' +
    'قرارها غير ملزم؛ وإذا حكمت لصالحك نتحمل رسومها.',
  odsLink: 'هيئات تسوية المنازعات خارج المحاكم المعتمدة',
  court: 'يمكنك أيضًا اللجوء إلى القضاء في أي وقت.',
  reportSubject: (reference) => `نتيجة بلاغك ${reference}`,
  reportIntro: (reference) => `شكرًا على بلاغك ${reference}. لقد قمنا بمراجعته.`,
  reportActed: 'اتخذنا الإجراء التالي:',
  reportNotActed: 'بعد المراجعة، قررنا عدم اتخاذ أي إجراء بشأن هذا المحتوى.',
  reviewerNote: (note) => `يضيف فريقنا: ${note}`,
  reportComplaint: (deadline) => `إذا كنت لا توافق، يمكنك تقديم شكوى مجانًا حتى ${deadline}.`,
  appealSubject: (reference) => `قرار بشأن شكواك (الملف ${reference})`,
  appealUpheld: 'راجعنا شكواك وأكدنا القرار الأصلي.',
  appealReversed: 'راجعنا شكواك وألغينا القرار الأصلي.',
  appealReasonsHeading: 'الأسباب',
  appealHuman: 'بتّ في شكواك شخص غير الذي اتخذ القرار الأصلي، ولم يُتخذ القرار بوسائل آلية فقط.',
};

const tables: Record<NoticeLocale, NoticeStrings> = { en, fr, es, de, ar };

/** The strings for a BCP 47 tag (`fr-BE` → French); English when the language has no table yet. */
export function stringsFor(language: string): NoticeStrings {
  const primary = language.toLowerCase().split('-')[0] ?? '';
  return Object.hasOwn(tables, primary) ? tables[primary as NoticeLocale] : tables.en;
}
