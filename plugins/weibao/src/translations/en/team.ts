/** English texts of the team view (page and home-page card). */
export const teamMessages = {
  team: {
    title: 'My teams’ systems, at risk first',
    subtitle: 'Owned by {{owners}}',
    empty: 'Your teams own no hospital systems in the catalog.',
    homeCardTitle: 'My teams’ systems',
    openTeamView: 'Open the team view',
    allClear:
      'Nothing at risk: no breached or at-risk clocks, nothing overdue.',
    obligationFigures: '{{overdue}} overdue · {{dueSoon}} due soon',
    risk: {
      breached: 'Breached',
      'at-risk': 'At risk',
      overdue: 'Overdue duty',
      due: 'Duty due',
      ok: 'OK',
    },
    totals: {
      systems: 'Systems',
      openIncidents: 'Open incidents',
      breached: 'Breached clocks',
      atRisk: 'Clocks at risk',
      overdueObligations: 'Overdue duties',
    },
    columns: {
      risk: 'State',
      system: 'System',
      hospital: 'Hospital',
      type: 'Type',
      incidents: 'Open incidents',
      breached: 'Breached',
      atRisk: 'At risk',
      nextClockDue: 'Next clock due',
      obligations: 'Duties',
      upgrades: 'Upgrades in flight',
    },
  },
} as const;
