// Loads the web app's stylesheet and image imports when the server runs from its sources (tsx: `npm run
// dev`, `npm run bench`): the pages rendered on the server (ADR 0037) import the DSFR's React
// components, which import their stylesheets (`.css`) and artwork (`.svg`). Node knows neither. The
// production build handles them in esbuild (scripts/build.mjs), Vitest through Vite; here a stylesheet
// is an empty module and an image is its address under the project, as Vite's development server
// gives it. Used as `tsx --import ./scripts/web-assets-hook.mjs …`.
import { register } from 'node:module';

register('./web-assets-hook.loader.mjs', import.meta.url);
