import { HOSPITAL_SYSTEM_TYPES } from '@weibao/plugin-weibao-common';
import { weibaoMessages } from '../translation';
import zh from './zh';

type Nested = { readonly [key: string]: string | Nested };

function flatten(messages: Nested, prefix = ''): Record<string, string> {
  return Object.entries(messages).reduce<Record<string, string>>(
    (flat, [key, value]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      return typeof value === 'string'
        ? { ...flat, [path]: value }
        : { ...flat, ...flatten(value, path) };
    },
    {},
  );
}

const english = flatten(weibaoMessages);
const chinese: Record<string, string> = zh;

describe('Chinese translation', () => {
  it('translates every English message, into Chinese', () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    const untranslated = Object.entries(chinese)
      .filter(([, text]) => !/[\u4e00-\u9fff]/.test(text))
      .map(([key]) => key);
    expect(untranslated).toEqual([]);
  });

  it('keeps the same placeholders', () => {
    const placeholders = (text: string) => text.match(/{{\w+}}/g) ?? [];
    for (const key of Object.keys(english)) {
      expect([key, placeholders(chinese[key])]).toEqual([
        key,
        placeholders(english[key]),
      ]);
    }
  });

  it('names every hospital-system type in both languages', () => {
    for (const type of HOSPITAL_SYSTEM_TYPES) {
      expect(english[`systemTypes.${type}`]).toMatch(/\S/);
      expect(chinese[`systemTypes.${type}`]).toMatch(/\S/);
    }
  });
});
