/* eslint-disable no-script-url -- these tests are about refusing script URLs */
import { screen } from '@testing-library/react';
import { renderWeibao } from '../__testUtils__';
import { EvidenceLink } from './EvidenceLink';

describe('EvidenceLink', () => {
  it('renders an https link as a link that opens apart', async () => {
    await renderWeibao(
      <EvidenceLink url="https://wiki.example/drills/q3" title="演练记录" />,
    );
    const link = screen.getByRole('link', { name: /演练记录/ });
    expect(link.getAttribute('href')).toBe('https://wiki.example/drills/q3');
    expect(link.getAttribute('rel')).toContain('noopener');
  });

  it.each([
    'javascript:alert(document.cookie)',
    ' JavaScript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '/weibao/relative',
  ])(
    'never renders %j, stored before links were checked, as an href',
    async url => {
      const { container } = await renderWeibao(<EvidenceLink url={url} />);
      expect(screen.queryByRole('link')).toBeNull();
      expect(container.querySelector('[href]')).toBeNull();
      expect(screen.getByTestId('unsafe-link').textContent).toContain(
        'not a web link, not opened',
      );
    },
  );
});
