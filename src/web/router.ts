import { createBrowserRouter } from 'react-router';
import { routes } from './routes';

/** The browser's router over the app's route tree (routes.tsx, which the server renders too). */
export const router = createBrowserRouter(routes);
