export { WeibaoPage } from './WeibaoPage';
