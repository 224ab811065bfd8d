export * from './types';
export * from './calendarMonth';
