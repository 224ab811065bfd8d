export { EntityCertificatesContent } from './EntityCertificatesContent';
