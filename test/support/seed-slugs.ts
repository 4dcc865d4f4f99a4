/** Slugs of the seed articles, newest first, as the source text gives them (seeds/000_90b8483afbba3601.txt). */
export const NEWS = {
  heavyMetals: '2018-03-11-disappointing-response-on-heavy-metals-contamination',
  students: '2018-03-02-students-reject-discriminatory-law',
  fraser: '2018-03-02-interpreting-fraser-institutes-report-on-perus-attractiveness-to-investors',
  michiquillay: '2018-02-24-southern-gets-the-go-ahead-for-michiquillay',
  fujimori: '2018-02-24-fujimori-to-stand-trial-anew',
  growth: '2018-02-17-economic-growth-slows',
  tiaMaria: '2018-02-17-growing-protest-looms-over-southerns-push-on-tia-maria',
  mercury: '2018-02-17-trade-in-mercury-continues',
  court: '2018-02-11-inter-american-court-ruling-questioned',
  maap: '2018-02-11-maap-maps-deforestation-in-2017',
} as const;

export const PAGES = {
  aims: 'psg-aims',
  overview: 'historical-overview',
  humanRights: 'human-rights',
  join: 'why-join-the-psg',
} as const;
