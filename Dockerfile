# One image for all five servers; docker-compose.mocks.yml picks the server per service.
FROM node:22-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY openapi ./openapi
COPY generated ./generated
COPY src ./src
COPY scripts ./scripts
RUN npm run build && npm prune --omit=dev

FROM node:22-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 DATA_DIR=/data LOG_FORMAT=json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY openapi ./openapi
# The servers load their specs bundled by `npm run codegen`, as the npm package ships them.
COPY generated/*.json ./generated/
COPY public ./public
VOLUME /data
EXPOSE 9000 4000 3000 8002 8080
ENTRYPOINT ["node", "dist/src/cli.js"]
CMD ["start", "all"]
