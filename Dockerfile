# One image for every Silt service; the compose file picks the entry point per container.
FROM node:20-bookworm-slim AS build
WORKDIR /silt
# better-sqlite3 compiles from source when no prebuilt binary is reachable.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY proto ./proto
COPY libs ./libs
COPY apps ./apps
COPY bench ./bench
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /silt
ENV NODE_ENV=production
# Freed page-sized buffers go back to the OS (keeps each service's RSS flat under large transfers).
ENV MALLOC_MMAP_THRESHOLD_=262144
COPY --from=build /silt/node_modules ./node_modules
COPY --from=build /silt/dist ./dist
COPY --from=build /silt/proto ./proto
COPY package.json ./
USER node
# Overridden per service in docker-compose.yml.
CMD ["node", "--initial-old-space-size=80", "dist/apps/s3-gateway/src/main.js"]
