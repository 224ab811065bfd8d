export { signInModule, oidcAuthApiRef } from './signInModule';
