import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { attendeesResponse, eventDetail, eventsResponse, exportsResponse, listEventsQuery, myRegistrationsResponse } from '../../server/events/events.contract';
import { api, query } from '../platform/api';

export type EventDetail = z.infer<typeof eventDetail>;
export type EventSummary = z.infer<typeof eventsResponse>['items'][number];
export type ListParams = z.output<typeof listEventsQuery>;

/** Every cached answer of the agenda starts with this key: invalidated after each write. */
export const eventsKey = ['events'] as const;

export const useEvents = (params: ListParams) =>
  useQuery({ queryKey: [...eventsKey, 'list', params], queryFn: () => api.get(`/api/events${query(params)}`, eventsResponse), placeholderData: keepPreviousData });

export const useEvent = (id: string) =>
  useQuery({ queryKey: [...eventsKey, 'event', id], queryFn: () => api.get(`/api/events/${encodeURIComponent(id)}`, eventDetail), enabled: id !== '' });

export const useMyRegistrations = () => useQuery({ queryKey: [...eventsKey, 'mine'], queryFn: () => api.get('/api/events/mine', myRegistrationsResponse) });

export const useAttendees = (id: string) =>
  useQuery({ queryKey: [...eventsKey, 'attendees', id], queryFn: () => api.get(`/api/events/${encodeURIComponent(id)}/attendees`, attendeesResponse) });

export const useExports = (id: string, enabled: boolean) =>
  useQuery({ queryKey: [...eventsKey, 'exports', id], queryFn: () => api.get(`/api/events/${encodeURIComponent(id)}/exports`, exportsResponse), enabled });

export const eventIcsUrl = (id: string) => `/api/events/${encodeURIComponent(id)}/calendar.ics`;
export const attendeesCsvUrl = (id: string) => `/api/events/${encodeURIComponent(id)}/attendees.csv`;
export const publicFeedPath = '/api/calendar/public.ics';
