/**
 * Labels of the restrictions (the four TDB decision enums) in every language a notice is written in.
 * English and French are the taxonomy's; Spanish, German and Arabic are ours, for notices only.
 */
import {
  decisionAccountLabels,
  decisionMonetaryLabels,
  decisionProvisionLabels,
  decisionVisibilityLabels,
  type DecisionAccountKey,
  type DecisionMonetaryKey,
  type DecisionProvisionKey,
  type DecisionVisibilityKey,
} from '../taxonomy/dsa.ts';

export type NoticeLocale = 'en' | 'fr' | 'es' | 'de' | 'ar';
export type RestrictionKey =
  DecisionVisibilityKey | DecisionMonetaryKey | DecisionProvisionKey | DecisionAccountKey;

const taxonomyLabels = {
  ...decisionVisibilityLabels,
  ...decisionMonetaryLabels,
  ...decisionProvisionLabels,
  ...decisionAccountLabels,
};

const otherLanguages: Record<'es' | 'de' | 'ar', Record<RestrictionKey, string>> = {
  es: {
    DECISION_VISIBILITY_CONTENT_REMOVED: 'Retirada del contenido',
    DECISION_VISIBILITY_CONTENT_DISABLED: 'Bloqueo del acceso al contenido',
    DECISION_VISIBILITY_CONTENT_DEMOTED: 'Relegación del contenido',
    DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED: 'Contenido con restricción de edad',
    DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED: 'Restricción de la interacción con el contenido',
    DECISION_VISIBILITY_CONTENT_LABELLED: 'Contenido etiquetado',
    DECISION_VISIBILITY_OTHER: 'Otra restricción',
    DECISION_MONETARY_SUSPENSION: 'Suspensión de los pagos monetarios',
    DECISION_MONETARY_TERMINATION: 'Cese de los pagos monetarios',
    DECISION_MONETARY_OTHER: 'Otra restricción de los pagos',
    DECISION_PROVISION_PARTIAL_SUSPENSION: 'Suspensión parcial de la prestación del servicio',
    DECISION_PROVISION_TOTAL_SUSPENSION: 'Suspensión total de la prestación del servicio',
    DECISION_PROVISION_PARTIAL_TERMINATION: 'Cese parcial de la prestación del servicio',
    DECISION_PROVISION_TOTAL_TERMINATION: 'Cese total de la prestación del servicio',
    DECISION_ACCOUNT_SUSPENDED: 'Suspensión de la cuenta',
    DECISION_ACCOUNT_TERMINATED: 'Cierre de la cuenta',
  },
  de: {
    DECISION_VISIBILITY_CONTENT_REMOVED: 'Entfernung des Inhalts',
    DECISION_VISIBILITY_CONTENT_DISABLED: 'Sperrung des Zugangs zum Inhalt',
    DECISION_VISIBILITY_CONTENT_DEMOTED: 'Herabstufung des Inhalts',
    DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED: 'Altersbeschränkung des Inhalts',
    DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED: 'Einschränkung der Interaktion mit dem Inhalt',
    DECISION_VISIBILITY_CONTENT_LABELLED: 'Kennzeichnung des Inhalts',
    DECISION_VISIBILITY_OTHER: 'Sonstige Beschränkung',
    DECISION_MONETARY_SUSPENSION: 'Aussetzung von Geldzahlungen',
    DECISION_MONETARY_TERMINATION: 'Einstellung von Geldzahlungen',
    DECISION_MONETARY_OTHER: 'Sonstige Beschränkung von Geldzahlungen',
    DECISION_PROVISION_PARTIAL_SUSPENSION: 'Teilweise Aussetzung der Bereitstellung des Dienstes',
    DECISION_PROVISION_TOTAL_SUSPENSION: 'Vollständige Aussetzung der Bereitstellung des Dienstes',
    DECISION_PROVISION_PARTIAL_TERMINATION: 'Teilweise Beendigung der Bereitstellung des Dienstes',
    DECISION_PROVISION_TOTAL_TERMINATION: 'Vollständige Beendigung der Bereitstellung des Dienstes',
    DECISION_ACCOUNT_SUSPENDED: 'Sperrung des Kontos',
    DECISION_ACCOUNT_TERMINATED: 'Kündigung des Kontos',
  },
  ar: {
    DECISION_VISIBILITY_CONTENT_REMOVED: 'إزالة المحتوى',
    DECISION_VISIBILITY_CONTENT_DISABLED: 'تعطيل الوصول إلى المحتوى',
    DECISION_VISIBILITY_CONTENT_DEMOTED: 'خفض ظهور المحتوى',
    DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED: 'تقييد المحتوى حسب العمر',
    DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED: 'تقييد التفاعل مع المحتوى',
    DECISION_VISIBILITY_CONTENT_LABELLED: 'وسم المحتوى',
    DECISION_VISIBILITY_OTHER: 'قيد آخر',
    DECISION_MONETARY_SUSPENSION: 'تعليق المدفوعات المالية',
    DECISION_MONETARY_TERMINATION: 'إنهاء المدفوعات المالية',
    DECISION_MONETARY_OTHER: 'قيد آخر على المدفوعات',
    DECISION_PROVISION_PARTIAL_SUSPENSION: 'التعليق الجزئي لتقديم الخدمة',
    DECISION_PROVISION_TOTAL_SUSPENSION: 'التعليق الكلي لتقديم الخدمة',
    DECISION_PROVISION_PARTIAL_TERMINATION: 'الإنهاء الجزئي لتقديم الخدمة',
    DECISION_PROVISION_TOTAL_TERMINATION: 'الإنهاء الكلي لتقديم الخدمة',
    DECISION_ACCOUNT_SUSPENDED: 'تعليق الحساب',
    DECISION_ACCOUNT_TERMINATED: 'إنهاء الحساب',
  },
};

export function restrictionLabel(key: RestrictionKey, locale: NoticeLocale): string {
  return locale === 'en' || locale === 'fr' ? taxonomyLabels[key][locale] : otherLanguages[locale][key];
}
