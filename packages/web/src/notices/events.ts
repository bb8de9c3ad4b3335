/**
 * The "record what happened" form's model: which fields each event type asks for, and the event built
 * from them, checked with the server's own schema (`notices/event-schema.ts`) so a problem is shown beside
 * its input before anything is sent. Pure.
 */
import {
  DECISION_OUTCOMES,
  ESCALATION_KINDS,
  recordableEventSchema,
} from '../../../server/src/notices/event-schema.ts';
import type { RecordableEvent } from './api.ts';

export { DECISION_OUTCOMES, ESCALATION_KINDS };

export type RecordableType = RecordableEvent['type'];

/** Every input of the form; each event type uses some of them. */
export type EventField =
  | 'ticketId'
  | 'outcome'
  | 'reversedOutcome'
  | 'text'
  | 'requiredText'
  | 'sorUuid'
  | 'kind'
  | 'recipient'
  | 'reference'
  | 'online'
  | 'httpStatus'
  | 'url'
  | 'reason';

export const eventFields: Record<RecordableType, readonly EventField[]> = {
  acknowledged: ['ticketId'],
  decision: ['outcome', 'text'],
  statement_of_reasons: ['text', 'sorUuid'],
  follow_up: ['requiredText'],
  escalated: ['kind', 'recipient', 'reference'],
  reversed: ['reversedOutcome'],
  liveness: ['online', 'httpStatus', 'url'],
  note: ['requiredText'],
  closed: ['reason'],
};

export const recordableTypes = Object.keys(eventFields) as RecordableType[];

/** Who an escalation usually goes to, offered as the recipient (the analyst may change it). */
export const suggestedRecipient: Record<(typeof ESCALATION_KINDS)[number], string> = {
  dsc_complaint: '',
  ods_body: '',
  law_enforcement: 'PHAROS',
};

/** The schema's property names → the form's input names, for putting an issue beside its input. */
function inputOf(type: RecordableType, property: string): EventField {
  if (property === 'text' && (type === 'follow_up' || type === 'note')) return 'requiredText';
  if (property === 'outcome' && type === 'reversed') return 'reversedOutcome';
  return property as EventField;
}

export type BuiltEvent = { event: RecordableEvent } | { invalid: EventField[] };

/** The event from the form's values (empty optional inputs left out), or the inputs that are wrong. */
export function buildNoticeEvent(
  type: RecordableType,
  values: Partial<Record<EventField, string>>,
): BuiltEvent {
  const value = (field: EventField) => values[field]?.trim() ?? '';
  const draft: Record<string, unknown> = { type };
  for (const field of eventFields[type]) {
    const raw = value(field);
    if (!raw && field !== 'requiredText' && field !== 'recipient') continue;
    switch (field) {
      case 'requiredText':
        draft.text = raw;
        break;
      case 'reversedOutcome':
        draft.outcome = raw;
        break;
      case 'online':
        draft.online = raw === 'true';
        break;
      case 'httpStatus':
        draft.httpStatus = /^\d+$/.test(raw) ? Number(raw) : raw;
        break;
      default:
        draft[field] = raw;
    }
  }
  const parsed = recordableEventSchema.safeParse(draft);
  if (parsed.success) return { event: parsed.data };
  const invalid = parsed.error.issues.map((issue) => inputOf(type, String(issue.path[0] ?? 'type')));
  return { invalid: [...new Set(invalid)] };
}
