/*
 * The Weibao portal's backend: a lean Backstage backend with the catalog, permissions,
 * notifications, signals and the Weibao plugins.
 */
import { createBackend } from '@backstage/backend-defaults';
import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

const backend = createBackend();

// the frontend, served by the backend (app-config.production.yaml; in development the
// frontend's own dev server serves it)
backend.add(import('@backstage/plugin-app-backend'));

// auth: OpenID Connect (Keycloak, GitLab, …) configured in app-config.production.yaml, and
// guest sign-in for local use only: the guest module is not even added unless
// auth.environment is development (app-config.yaml), so no production backend serves it
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
backend.add(
  createBackendFeatureLoader({
    deps: { config: coreServices.rootConfig },
    *loader({ config }) {
      const environment =
        config.getOptionalString('auth.environment') ?? 'development';
      if (environment === 'development') {
        yield import('@backstage/plugin-auth-backend-module-guest-provider');
      }
    },
  }),
);

// catalog, with Weibao's model (hospital systems, maintenance contracts) and a view of
// entities that failed processing, so contract authors can see why
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-catalog-backend-module-unprocessed'));
backend.add(import('@backstage/plugin-catalog-backend-module-logs')); // processing errors in the log
backend.add(import('@weibao/plugin-catalog-backend-module-weibao'));

// permissions, with Weibao's policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(import('@weibao/plugin-permission-backend-module-weibao'));

// notifications and signals: breach alerts and live updates (events carries signals
// between backend instances)
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// user settings (language, theme) kept per user
backend.add(import('@backstage/plugin-user-settings-backend'));

// Weibao
backend.add(import('@weibao/plugin-weibao-backend'));

backend.start();
