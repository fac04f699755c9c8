import { z } from 'zod';

export const territory = z.object({ code: z.string(), name: z.string(), regionCode: z.string().nullable() });
export const territoriesResponse = z.object({ regions: z.array(territory), departements: z.array(territory) });
