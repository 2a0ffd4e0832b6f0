# One image for the three apps (api, worker, projector); compose picks the entry point.
FROM node:20-bookworm-slim
WORKDIR /app
ENV SWC_NODE_PROJECT=tsconfig.json
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY tsconfig.base.json tsconfig.json .swcrc ./
COPY libs ./libs
COPY workflows ./workflows
COPY apps/api ./apps/api
COPY apps/worker ./apps/worker
COPY apps/projector ./apps/projector
USER node
