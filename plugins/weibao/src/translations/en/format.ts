/** Units and shared words used across Weibao's cards and pages. */
export const formatMessages = {
  format: {
    days: '{{value}} d',
    hours: '{{value}} h',
    minutes: '{{value}} min',
    unsafeLink: 'not a web link, not opened',
  },
  clockState: {
    breached: 'Breached',
    'at-risk': 'At risk',
    running: 'Running',
    paused: 'Paused',
    met: 'Met',
    retired: 'Retired',
  },
  milestones: {
    response: 'Response',
    dispatch: 'Dispatch',
    arrival: 'On site',
    resolution: 'Resolution',
    solution: 'Solution',
  },
} as const;
