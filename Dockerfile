# Entraide's production image (docs/deployment.md « Docker »). Not built by CI: these machines have no
# Docker daemon; tests/integration/deployment-doc.test.ts keeps it in step with what the walkthrough
# (scripts/deployment-walkthrough.sh) and `npm run test:cluster` run.
#
#   docker build -t entraide .
#   docker run --env-file entraide.env -p 3000:3000 -v entraide-data:/var/lib/entraide entraide

# ---- build: every dependency, then the production build (dist/server by esbuild, dist/web by Vite)
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# The postinstall copies the DSFR's static files into public/dsfr; it needs public/.
COPY public ./public
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && rm -rf src/web tests bench .test-data

# ---- runtime: production dependencies, the build, migrations and registry data; non-root
FROM node:20-bookworm-slim
# pg_dump/pg_restore (backup, restore) must be of the server's major version or newer; curl for the health check.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 tar curl ca-certificates \
 && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/var/lib/entraide
WORKDIR /app
COPY --from=build --chown=root:root /app/package.json /app/package-lock.json ./
COPY --from=build --chown=root:root /app/node_modules ./node_modules
COPY --from=build --chown=root:root /app/dist ./dist
COPY --from=build --chown=root:root /app/migrations ./migrations
COPY --from=build --chown=root:root /app/data/registry ./data/registry
COPY --from=build --chown=root:root /app/src ./src
COPY --from=build --chown=root:root /app/index.html ./index.html
# The code belongs to root and is read-only for the process; only DATA_DIR is writable by it.
RUN mkdir -p /var/lib/entraide && chown node:node /var/lib/entraide
USER node
VOLUME ["/var/lib/entraide"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD curl -fsS "http://127.0.0.1:${PORT}/readyz" > /dev/null || exit 1
# What `npm start` runs once the build is there (scripts/start.mjs), with plain node: SIGTERM reaches
# the server itself, which finishes its requests and closes the database.
CMD ["node", "dist/server/start.js"]
