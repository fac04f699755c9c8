import { spawn } from 'node:child_process';

// `npm run dev`: the API restarts on server changes (tsx watch, port 3000) and Vite serves the web
// app with hot reload on http://localhost:5173, proxying /api to the API.
const children = [
  // Links in e-mails and calendars lead to the Vite address, where the pages are served in development.
  spawn('npx', ['tsx', 'watch', '--clear-screen=false', 'src/server/main.ts'], { stdio: 'inherit', env: { BASE_URL: 'http://localhost:5173', ...process.env } }),
  spawn('npx', ['vite', '--port', '5173', '--strictPort'], { stdio: 'inherit', env: process.env }),
];
process.stdout.write("\n  Développement : application sur http://localhost:5173 (API sur le port 3000)\n\n");
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => {
  stop();
  process.exitCode = code ?? 0;
});
