// The features of peer matching (matching.ts), in a file that imports nothing: the web app reads it too.
export const featureKeys = [
  'similar',
  'sameKind',
  'sameDepartement',
  'sameRegion',
  'spaserInForce',
  'spaserAhead',
  'themeAnswers',
  'themeDeclared',
  'usefulAnswers',
  'environmental',
  'social',
  'available',
  'active',
] as const;
export type FeatureKey = (typeof featureKeys)[number];
