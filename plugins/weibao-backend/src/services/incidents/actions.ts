import { InputError } from '@backstage/errors';
import type { IncidentAction } from '@weibao/plugin-weibao-common';
import { refOf } from '../../request';

/*
 * What each incident action must and may carry beyond what the OpenAPI schema checks, and the
 * user references it names, normalised.
 */

function userRef(field: string, value: string): string {
  return refOf(field, value, 'user');
}

/** The fields each action needs, beyond what the OpenAPI schema checks. */
const REQUIRED: Partial<Record<IncidentAction['type'], string[]>> = {
  'grant-remote-permission': ['grantedBy'],
  resolve: ['method', 'result'],
  confirm: ['confirmedBy'],
  reopen: ['reason'],
  regrade: ['level', 'reason'],
  pause: ['reason'],
  note: ['text'],
  reassign: ['assignees'],
};

/** Fields an action may carry; others are refused so nothing is silently dropped. */
const ALLOWED: Record<IncidentAction['type'], string[]> = {
  acknowledge: [],
  dispatch: ['assignees'],
  arrive: [],
  'grant-remote-permission': ['grantedBy', 'note'],
  'start-remote': [],
  resolve: ['method', 'result', 'rootCause'],
  confirm: ['confirmedBy', 'note'],
  close: ['rootCause'],
  reopen: ['reason'],
  regrade: ['level', 'reason'],
  pause: ['reason'],
  resume: [],
  note: ['text'],
  reassign: ['assignees'],
};

/** Checks an action request's fields for its type and normalises user references. */
export function normaliseAction(action: IncidentAction): IncidentAction {
  const body = action as Record<string, unknown>;
  for (const field of REQUIRED[action.type] ?? []) {
    if (body[field] === undefined) {
      throw new InputError(`${field}: required to ${action.type}`);
    }
  }
  for (const field of Object.keys(body)) {
    if (field !== 'type' && !ALLOWED[action.type].includes(field)) {
      throw new InputError(`${field}: not a field of ${action.type}`);
    }
  }
  if (action.type === 'reassign' || action.type === 'dispatch') {
    if (action.type === 'reassign' && action.assignees.length === 0) {
      throw new InputError('assignees: name at least one engineer');
    }
    return {
      ...action,
      ...(action.assignees
        ? {
            assignees: action.assignees.map((a, i) =>
              userRef(`assignees[${i}]`, a),
            ),
          }
        : {}),
    } as IncidentAction;
  }
  return action;
}
