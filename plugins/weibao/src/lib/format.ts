import { useMemo } from 'react';
import {
  appLanguageApiRef,
  useApi,
  useTranslationRef,
} from '@backstage/frontend-plugin-api';
import useObservable from 'react-use/esm/useObservable';
import { weibaoTranslationRef } from '../translation';

/** The time zone of the hospitals in the examples; records carry instants, shown in it. */
export const HOSPITAL_TIME_ZONE = 'Asia/Shanghai';

/** The Intl locale for one of the app's languages. */
export function localeOf(language: string): string {
  return language.startsWith('zh') ? 'zh-CN' : 'en-GB';
}

/**
 * Formatters in the user's language and the hospital's time zone:
 * `instant` ("21 Nov 2026, 09:30" / "2026年11月21日 09:30"), `date`, `duration` of
 * milliseconds ("3 h 20 min" / "3小时20分钟"), `money` (¥790,000.00).
 */
export function useWeibaoFormat(timeZone: string = HOSPITAL_TIME_ZONE) {
  const languageApi = useApi(appLanguageApiRef);
  const { language } = useObservable(
    languageApi.language$(),
    languageApi.getLanguage(),
  );
  const { t } = useTranslationRef(weibaoTranslationRef);
  return useMemo(() => {
    const locale = localeOf(language);
    const instantFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
    });
    const dateFormat = new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeZone,
    });
    return {
      locale,
      timeZone,
      instant: (iso: string | null | undefined) =>
        iso ? instantFormat.format(new Date(iso)) : '—',
      date: (iso: string | null | undefined) =>
        iso ? dateFormat.format(new Date(iso)) : '—',
      duration: (ms: number) => formatDuration(ms, t),
      money: (amount: number, currency: string) =>
        new Intl.NumberFormat(locale, { style: 'currency', currency }).format(
          amount,
        ),
      percent: (value: number) =>
        new Intl.NumberFormat(locale, {
          style: 'percent',
          maximumFractionDigits: 0,
        }).format(value / 100),
    };
  }, [language, timeZone, t]);
}

type DurationT = (
  key: 'format.days' | 'format.hours' | 'format.minutes',
  options: { value: string },
) => string;

/** Days, hours and minutes, the two largest non-zero units, e.g. "2 d 3 h". */
export function formatDuration(ms: number, t: DurationT): string {
  const totalMinutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  const parts = [
    days && t('format.days', { value: `${days}` }),
    hours && t('format.hours', { value: `${hours}` }),
    minutes && t('format.minutes', { value: `${minutes}` }),
  ].filter(Boolean) as string[];
  return parts.length
    ? parts.slice(0, 2).join(' ')
    : t('format.minutes', { value: '0' });
}
