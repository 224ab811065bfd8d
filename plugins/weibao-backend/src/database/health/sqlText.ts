/*
 * SQL text written by hand for statements whose text must not change from one request to the
 * next (so that PostgreSQL can keep them as prepared statements): fixed values are literals,
 * request values are placeholders filled when the statement runs.
 */

/**
 * How a placeholder takes its values from what a request binds: each statement has its own
 * type of binding, so the parameter is checked where the placeholder is declared (a method's
 * parameter is compared both ways, which lets `(b: Binding) => …` be one).
 */
type ValuesOf = { of(binding: unknown): unknown[] }['of'];

/** A placeholder, filled from what a request binds (a list spreads over several `?`). */
export class Param {
  constructor(readonly of: ValuesOf) {}
}

/** A piece of SQL text with the parameters of its `?` placeholders, in order. */
export class Sql {
  constructor(readonly text: string, readonly params: Param[]) {}
}

/** Text written in the code (names, literals), never a value from a request. */
export const raw = (text: string) => new Sql(text, []);

/** The literal parts of each `sql` template, whitespace folded once per call site. */
const folded = new WeakMap<TemplateStringsArray, string[]>();

/** SQL text: an interpolated Sql is inlined, a Param becomes a `?` placeholder. */
export function sql(
  strings: TemplateStringsArray,
  ...parts: Array<Sql | Param>
): Sql {
  let literal = folded.get(strings);
  if (!literal) {
    literal = strings.map(s => s.replace(/\s+/g, ' '));
    folded.set(strings, literal);
  }
  let text = literal[0];
  const params: Param[] = [];
  parts.forEach((part, i) => {
    if (part instanceof Sql) {
      text += part.text;
      params.push(...part.params);
    } else {
      text += '?';
      params.push(part);
    }
    text += literal![i + 1];
  });
  return new Sql(text, params);
}

export const joined = (parts: Sql[], separator: string) =>
  new Sql(
    parts.map(p => p.text).join(separator),
    parts.flatMap(p => p.params),
  );

/** A list of constants as SQL literals `('a', 'b')`: part of the text, not parameters. */
export const literals = (values: readonly string[]) =>
  raw(`(${values.map(v => `'${v.replace(/'/g, "''")}'`).join(', ')})`);
