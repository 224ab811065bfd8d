import type { Money, PenaltyRule } from './types';

const DAY_MS = 24 * 60 * 60_000;

/**
 * The occasions of a penalty rule (违约金) that a missed incident clock falls under: late
 * service (逾期提供服务) and an explicit SLA breach. Late delivery and other occasions are not
 * about incidents.
 *
 * @public
 */
export const LATE_SERVICE_PENALTY_OCCASIONS: ReadonlyArray<PenaltyRule['on']> =
  ['late-service', 'sla-breach'];

/**
 * Days late as penalty clauses count them: every day begun counts as a whole one, so one
 * minute late is one day and 24 hours and one minute late are two. Nothing is late until
 * `until` passes `dueAt`.
 *
 * @public
 */
export function startedDaysLate(dueAt: number, until: number): number {
  if (!(until > dueAt)) return 0;
  return Math.ceil((until - dueAt) / DAY_MS);
}

/** The terms a penalty is computed from: the contract's value and its penalty rules. @public */
export type PenaltyTerms = { value: Money; penalties?: PenaltyRule[] };

/**
 * One milestone missed: late from `dueAt` until it was met (`metAt`) or, while it is still
 * not met, until now.
 *
 * @public
 */
export type LateService = { dueAt: number; metAt: number | null };

/**
 * What the penalty rules make of late services: each with its days late and its amount before
 * the cap, and the total after the cap. Amounts are in the contract's currency, to the cent.
 *
 * @public
 */
export type PenaltyAssessment<T extends LateService> = {
  currency: Money['currency'];
  /** Total after the cap. */
  amount: number;
  /** Total before the cap. */
  uncappedAmount: number;
  /** The most the rules can cost in total; null when a rule that applies has no cap, or none applies. */
  capAmount: number | null;
  capped: boolean;
  breaches: Array<T & { daysLate: number; amount: number }>;
};

/** Money in cents (分): all sums are exact integers. */
const cents = (amount: number) => Math.round(amount * 100);
const units = (amountInCents: number) => amountInCents / 100;

/**
 * The penalty for late service under a contract's rules, e.g. 3 % of the contract value per
 * day late, capped at 5 % in total: for ¥790,000 that is ¥23,700 a day and ¥39,500 at most.
 *
 * Every rule for late service applies to every late milestone: per day late, its percentage
 * of the contract value plus its fixed amount. A rule's cap bounds that rule's total; the
 * total is the sum over the rules. Each breach's `amount` is its share before the cap.
 *
 * @public
 */
export function assessLateServicePenalties<T extends LateService>(
  terms: PenaltyTerms,
  lateServices: ReadonlyArray<T>,
  now: number,
): PenaltyAssessment<T> {
  const valueInCents = cents(terms.value.amount);
  const rules = (terms.penalties ?? [])
    .filter(rule => LATE_SERVICE_PENALTY_OCCASIONS.includes(rule.on))
    .map(rule => ({
      perDay:
        Math.round((valueInCents * (rule.percentOfValuePerDay ?? 0)) / 100) +
        cents(rule.fixedAmountPerDay ?? 0),
      cap:
        rule.capPercentOfValue === undefined
          ? null
          : Math.round((valueInCents * rule.capPercentOfValue) / 100),
    }));

  const days = lateServices.map(late =>
    startedDaysLate(late.dueAt, late.metAt ?? now),
  );
  const breaches = lateServices.map((late, i) => ({
    ...late,
    daysLate: days[i],
    amount: units(rules.reduce((sum, rule) => sum + days[i] * rule.perDay, 0)),
  }));

  const totalDays = days.reduce((a, b) => a + b, 0);
  let uncapped = 0;
  let total = 0;
  for (const rule of rules) {
    const ruleTotal = totalDays * rule.perDay;
    uncapped += ruleTotal;
    total += rule.cap === null ? ruleTotal : Math.min(ruleTotal, rule.cap);
  }
  const capAmount =
    rules.length > 0 && rules.every(rule => rule.cap !== null)
      ? units(rules.reduce((sum, rule) => sum + rule.cap!, 0))
      : null;

  return {
    currency: terms.value.currency,
    amount: units(total),
    uncappedAmount: units(uncapped),
    capAmount,
    capped: total < uncapped,
    breaches,
  };
}
