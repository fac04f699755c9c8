import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { themePageResponse, themesResponse } from '../../server/themes/themes.contract';
import { api } from '../platform/api';

export type ThemePageData = z.infer<typeof themePageResponse>;

/** Every cached answer of the theme pages starts with this key. */
export const themesKey = ['themes'] as const;

export const useThemes = () => useQuery({ queryKey: [...themesKey, 'list'], queryFn: () => api.get('/api/themes', themesResponse) });

export const useTheme = (key: string) =>
  useQuery({ queryKey: [...themesKey, 'theme', key], queryFn: () => api.get(`/api/themes/${encodeURIComponent(key)}`, themePageResponse), retry: false });
