/**
 * A change the domain's rules refuse (an incident action, an upgrade step, a gate…). `kind` says
 * whether the request itself is wrong (`input`: a 400 naming `field`) or the record's state does
 * not allow it (`state`: a 409). The one rule-error type of Weibao.
 *
 * @public
 */
export class RuleError extends Error {
  readonly field: string;
  readonly reason: string;
  readonly kind: 'input' | 'state';
  constructor(field: string, reason: string, kind: 'input' | 'state') {
    super(`${field}: ${reason}`);
    this.name = 'RuleError';
    this.field = field;
    this.reason = reason;
    this.kind = kind;
  }
}

/** A refusal of the request itself (a 400 naming the field). */
export const refuseInput = (field: string, reason: string) =>
  new RuleError(field, reason, 'input');

/** A refusal because of the record's state (a 409); `type` is the action's field. */
export const refuseState = (reason: string) =>
  new RuleError('type', reason, 'state');
