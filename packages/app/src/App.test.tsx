import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('renders the sign-in page with guest sign-in for local use', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Weibao 维保' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole('button', { name: 'Enter' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.queryByText('SSO 单点登录')).not.toBeInTheDocument();
  }, 20_000);
});
