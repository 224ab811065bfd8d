export * from './BusinessCalendar';
export * from './calendars';
export * from './officialDays';
