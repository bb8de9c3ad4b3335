import { describe, expect, it } from 'vitest';
import { escapeHtml, renderMessage } from '../../src/notifications/document.ts';
import {
  appealOutcomeMessage,
  reportOutcomeMessage,
  statementOfReasonsMessage,
} from '../../src/notifications/messages.ts';
import { decisionFieldsSchema } from '../../src/transparency/decision-fields.ts';
import { wholeEeaScope } from '../../src/taxonomy/dsa.ts';
import { illegalVideoDecision, termsAccountDecision } from '../transparency/fixtures.ts';

const decidedAt = Date.parse('2026-11-22T15:00:00Z');
const appealDeadline = Date.parse('2027-05-22T15:00:00Z');
const context = { platformName: 'Exemple', caseReference: 'C-2026-0042' };
const illegal = decisionFieldsSchema.parse(illegalVideoDecision());
const terms = decisionFieldsSchema.parse(termsAccountDecision());

describe('statement of reasons to the affected user (Art. 17(3))', () => {
  const english = statementOfReasonsMessage({
    ...context,
    language: 'en',
    fields: illegal,
    decidedAt,
    contentUrl: 'https://example.org/v/1',
    appealUrl: 'https://vigie.example/appeal/VA-token',
    appealDeadline,
    odsInfoUrl: 'https://example.org/ods',
  });

  it('states the restriction, its scope and duration (a), facts and source (b), automation (c), ground (d), redress (f)', () => {
    const text = english.text;
    expect(english.subject).toBe('Decision about your content or account (case C-2026-0042)');
    expect(text).toContain('- Removal of content (with no end date)');
    expect(text).toContain('Where it applies: France.');
    expect(text).toContain('Date of the decision: November 22, 2026.');
    expect(text).toContain(illegal.facts);
    expect(text).toContain('notice submitted under Article 16');
    expect(text).toContain('The content was not detected by automated means.');
    expect(text).toContain('taken by a person, without automated means');
    expect(text).toContain('We consider the content illegal under: Art. 421-2-5 Code pénal (FR).');
    expect(text).toContain(`Why: ${illegalVideoDecision().ground.explanation}`);
    expect(text).toContain('until May 22, 2027');
    expect(text).toContain('Lodge a complaint: https://vigie.example/appeal/VA-token');
    expect(text).toContain('Article 21');
    expect(text).toContain('Certified out-of-court dispute settlement bodies: https://example.org/ods');
    expect(text).toContain('before a court');
    expect(text).toContain('Content concerned: https://example.org/v/1');
  });

  it('speaks French, with French labels, dates and country names', () => {
    const french = statementOfReasonsMessage({
      ...context,
      language: 'fr-BE',
      fields: terms,
      decidedAt,
      appealDeadline,
    });
    expect(french.subject).toBe('Décision concernant votre contenu ou votre compte (dossier C-2026-0042)');
    expect(french.text).toContain('- Suspension du compte (jusqu’au 31 décembre 2026)');
    expect(french.text).toContain('- Hidden from search results (jusqu’au 31 décembre 2026)');
    expect(french.text).toContain('Rétrogradation du contenu');
    expect(french.text).toContain('Champ territorial : Belgique, France, Norvège.');
    expect(french.text).toContain('incompatible avec nos conditions générales : Community rules §4.2 (spam)');
    expect(french.text).toContain('Cette décision résulte de notre propre initiative.');
    expect(french.text).toContain('détecté ou identifié par des moyens automatisés');
    expect(french.text).toContain('jusqu’au 22 mai 2027');
    expect(french.html).toContain('<html lang="fr" dir="ltr">');
  });

  it('names the whole EEA rather than thirty countries', () => {
    const whole = statementOfReasonsMessage({
      ...context,
      language: 'en',
      fields: { ...illegal, territorialScope: wholeEeaScope() },
      decidedAt,
    });
    expect(whole.text).toContain('Where it applies: the whole European Economic Area.');
    // No appeal link or deadline given: the complaint paragraph is left out, ODS and court stay.
    expect(whole.text).not.toContain('Lodge a complaint');
    expect(whole.text).toContain('before a court');
  });

  it('escapes every reviewer-supplied text in HTML and links only http(s) URLs', () => {
    const hostile = decisionFieldsSchema.parse({
      ...illegalVideoDecision(),
      facts: '<script>alert("x")</script> & <b>bold</b>',
      ground: {
        type: 'DECISION_GROUND_ILLEGAL_CONTENT',
        legalGround: 'Art. "1" <i>',
        explanation: "it's <img src=x onerror=alert(1)>",
      },
    });
    const message = statementOfReasonsMessage({
      ...context,
      platformName: 'Evil <Corp>',
      language: 'en',
      fields: hostile,
      decidedAt,
      appealUrl: 'javascript:alert(1)',
    });
    expect(message.html).not.toMatch(/<script|<img|<b>|<i>|href="javascript/);
    expect(message.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;',
    );
    expect(message.html).toContain('it&#39;s &lt;img src=x onerror=alert(1)&gt;');
    expect(message.html).toContain('Evil &lt;Corp&gt;');
    expect(message.html).toContain('<p>Lodge a complaint: javascript:alert(1)</p>');
    // Plain text stays as written.
    expect(message.text).toContain('<script>alert("x")</script>');
  });
});

describe('outcome to the reporter (Art. 16(5)) and of a complaint (Art. 20(5))', () => {
  it('tells the reporter what was done, on which ground, with automation and redress', () => {
    const acted = reportOutcomeMessage({
      ...context,
      language: 'en',
      reportReference: 'R-77',
      fields: illegal,
      statement: 'Thanks for the precise link.',
      appealDeadline,
    });
    expect(acted.subject).toBe('Outcome of your report R-77');
    expect(acted.text).toContain(
      'We have taken the following action:\n\n- Removal of content (with no end date)',
    );
    expect(acted.text).toContain('Art. 421-2-5 Code pénal (FR)');
    expect(acted.text).toContain('Use of automated means');
    expect(acted.text).toContain('Our reviewer adds: Thanks for the precise link.');
    expect(acted.text).toContain('until May 22, 2027');
    const notActed = reportOutcomeMessage({
      ...context,
      language: 'fr',
      reportReference: 'R-78',
      fields: null,
    });
    expect(notActed.text).toContain('nous avons décidé de ne pas agir');
    expect(notActed.text).not.toContain('Motifs de la décision');
    expect(notActed.text).toContain('Vous pouvez également saisir la justice');
  });

  it('gives the reasoned outcome of a complaint, its human review, ODS and court', () => {
    const upheld = appealOutcomeMessage({
      ...context,
      language: 'en',
      outcome: 'upheld',
      statement: 'The video is a call to violence.',
    });
    expect(upheld.subject).toBe('Decision on your complaint (case C-2026-0042)');
    expect(upheld.text).toContain('confirmed the original decision');
    expect(upheld.text).toContain('The video is a call to violence.');
    expect(upheld.text).toContain('not solely by automated means');
    expect(upheld.text).toContain('Article 21');
    const reversed = appealOutcomeMessage({
      ...context,
      language: 'fr',
      outcome: 'reversed',
      statement: 'Erreur.',
    });
    expect(reversed.text).toContain('annulé la décision initiale');
  });

  it('falls back to English for a language without its own texts', () => {
    const polish = appealOutcomeMessage({ ...context, language: 'pl', outcome: 'upheld', statement: 'x' });
    expect(polish.subject).toContain('Decision on your complaint');
    expect(polish.html).toContain('<html lang="en" dir="ltr">');
  });
});

describe('Spanish, German and Arabic notices', () => {
  const cases = [
    [
      'es',
      'Exposición de motivos',
      '- Retirada del contenido (sin fecha de finalización)',
      'Ámbito territorial: Francia.',
      'ltr',
    ],
    [
      'de',
      'Begründung',
      '- Entfernung des Inhalts (ohne Enddatum)',
      'Räumlicher Geltungsbereich: Frankreich.',
      'ltr',
    ],
    ['ar', 'بيان الأسباب', '- إزالة المحتوى (دون تاريخ انتهاء)', 'النطاق الجغرافي: فرنسا.', 'rtl'],
  ] as const;

  it.each(cases)(
    '%s: own headings, restriction labels, country names and direction',
    (language, heading, line, scope, dir) => {
      const message = statementOfReasonsMessage({
        ...context,
        language,
        fields: illegal,
        decidedAt,
        appealDeadline,
      });
      expect(message.text).toContain(heading);
      expect(message.text).toContain(line);
      expect(message.text).toContain(scope);
      expect(message.html).toContain(`<html lang="${language}" dir="${dir}">`);
      expect(message.text).not.toMatch(/Removal of content|Statement of reasons|Where it applies/);
    },
  );

  it('labels every restriction in every language', () => {
    const everything = decisionFieldsSchema.parse({
      ...illegalVideoDecision(),
      restrictions: {
        visibility: {
          types: ['DECISION_VISIBILITY_CONTENT_LABELLED', 'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED'],
        },
        monetary: { type: 'DECISION_MONETARY_TERMINATION' },
        provision: { type: 'DECISION_PROVISION_PARTIAL_SUSPENSION' },
        account: { type: 'DECISION_ACCOUNT_TERMINATED' },
      },
    });
    for (const language of ['en', 'fr', 'es', 'de', 'ar']) {
      const text = statementOfReasonsMessage({ ...context, language, fields: everything, decidedAt }).text;
      const lines = text.split('\n').filter((l) => l.startsWith('- '));
      expect(lines, language).toHaveLength(5);
      expect(new Set(lines).size).toBe(5);
    }
  });
});

describe('document rendering', () => {
  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('marks right-to-left languages', () => {
    const message = renderMessage({
      subject: 's',
      language: 'ar',
      blocks: [{ type: 'paragraph', text: 'مرحبا' }],
    });
    expect(message.html).toContain('dir="rtl"');
  });
});
