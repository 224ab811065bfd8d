import { render, screen } from '@testing-library/react';
import App from './App';

// A file of its own: the app reads its configuration once per module registry.
describe('App in production', () => {
  it('offers only the OIDC provider, no guest', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Weibao 维保' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: { environment: 'production' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByText('SSO 单点登录', undefined, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign In' })).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Enter' }),
    ).not.toBeInTheDocument();
  }, 20_000);
});
