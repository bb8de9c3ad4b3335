/** Incidents (crisis protocol): the API's objects and operations (`/api/v1/incidents`). */
import type { z } from 'zod';
import type { declareIncident } from '../../../server/src/api/queues/declareIncident.ts';
import type { listIncidents } from '../../../server/src/api/queues/listIncidents.ts';
import type { incidentSchema } from '../../../server/src/api/cases/schemas.ts';
import type { ApiClient } from '../api/client.ts';

export type Incident = z.output<typeof incidentSchema>;
/** An incident as the list gives it: with its linked and still-open case counts. */
export type ListedIncident = z.output<(typeof listIncidents)['response']>['incidents'][number];
/** What the declare operation accepts, as its body schema says. */
export type IncidentInput = z.output<NonNullable<(typeof declareIncident)['body']>>;
export type HashKind = NonNullable<IncidentInput['hashes']>[number]['kind'];

const segment = encodeURIComponent;

export function incidentsApi(client: ApiClient) {
  return {
    incidents: () => client.get<{ incidents: ListedIncident[] }>('/api/v1/incidents'),
    declareIncident: (body: IncidentInput) =>
      client.post<{ incident: Incident; linkedCases: number }>('/api/v1/incidents', body),
    endIncident: (incidentId: string) =>
      client.post<{ incident: Incident }>(`/api/v1/incidents/${segment(incidentId)}/end`),
  };
}
