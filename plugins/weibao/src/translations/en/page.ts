/** English texts of the Weibao page's frame: header and tabs. */
export const pageMessages = {
  page: {
    title: 'Weibao 维保',
    subtitle:
      'Hospital systems under maintenance contracts: clocks, duties, upgrades',
    tabs: {
      team: 'My teams',
      incidents: 'Incidents',
      duties: 'Duties',
      systems: 'Hospital systems',
    },
    back: 'Back to Weibao',
  },
} as const;
