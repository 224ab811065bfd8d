import { OAuth2 } from '@backstage/core-app-api';
import { SignInPage } from '@backstage/core-components';
import {
  BackstageIdentityApi,
  configApiRef,
  createApiRef,
  discoveryApiRef,
  oauthRequestApiRef,
  OpenIdConnectApi,
  ProfileInfoApi,
  SessionApi,
  useApi,
} from '@backstage/core-plugin-api';
import {
  ApiBlueprint,
  createFrontendModule,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';

/**
 * Sign-in through the organisation's OpenID Connect provider (Keycloak, GitLab, …): the
 * backend's `oidc` provider (@backstage/plugin-auth-backend-module-oidc-provider), configured
 * in app-config.production.yaml.
 */
export const oidcAuthApiRef = createApiRef<
  OpenIdConnectApi & ProfileInfoApi & BackstageIdentityApi & SessionApi
>({ id: 'auth.oidc' });

const oidcAuthApi = ApiBlueprint.make({
  name: 'oidc-auth',
  params: defineParams =>
    defineParams({
      api: oidcAuthApiRef,
      deps: {
        discoveryApi: discoveryApiRef,
        oauthRequestApi: oauthRequestApiRef,
        configApi: configApiRef,
      },
      factory: ({ discoveryApi, oauthRequestApi, configApi }) =>
        OAuth2.create({
          configApi,
          discoveryApi,
          oauthRequestApi,
          provider: { id: 'oidc', title: 'SSO 单点登录', icon: () => null },
          environment: configApi.getOptionalString('auth.environment'),
          defaultScopes: ['openid', 'profile', 'email'],
        }),
    }),
});

const oidcProvider = {
  id: 'oidc-auth-provider',
  title: 'SSO 单点登录',
  message: "Sign in with your organisation's account (OpenID Connect)",
  apiRef: oidcAuthApiRef,
};

/**
 * Guest in development only (`auth.environment: development`, app-config.yaml); anywhere else
 * (app-config.production.yaml sets `production`) the OIDC provider alone.
 */
function WeibaoSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  return environment === 'development' ? (
    <SignInPage {...props} providers={['guest']} />
  ) : (
    <SignInPage {...props} providers={[oidcProvider]} />
  );
}

const signInPage = SignInPageBlueprint.make({
  params: { loader: async () => WeibaoSignInPage },
});

export const signInModule = createFrontendModule({
  pluginId: 'app',
  extensions: [oidcAuthApi, signInPage],
});
