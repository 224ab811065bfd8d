export { weibaoPlugin as default } from './plugin';
