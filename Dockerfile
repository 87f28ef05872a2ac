# alpacon-mcp for teams: Streamable HTTP on port 8237, caller token required.
#   docker build -t alpacon-mcp .
#   docker run -p 127.0.0.1:8237:8237 -e ALPACON_MCP_SERVER_TOKEN=... -e ALPACON_MCP_WORKSPACE=... -e ALPACON_MCP_TOKEN=... alpacon-mcp
# Tokens come from environment variables or mounted files (ALPACON_MCP_TOKEN_FILE, ALPACON_MCP_SERVER_TOKEN_FILE), never from the image.

FROM node:22-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY bin ./bin
COPY core ./core
COPY plugins ./plugins
COPY sandbox ./sandbox
COPY cli ./cli
COPY docs ./docs
COPY README.md ./
# The image installs exactly what the npm registry would ship: the packed tarball, production dependencies only.
RUN npx tsc -p tsconfig.json && npm pack --ignore-scripts --pack-destination /tmp/pack

FROM node:22-bookworm-slim AS runtime
COPY --from=build /tmp/pack /tmp/pack
RUN npm install --global --omit=dev --no-audit --no-fund /tmp/pack/alpacon-mcp-*.tgz \
 && rm -rf /tmp/pack /root/.npm
LABEL io.modelcontextprotocol.server.name="io.github.alpacax/alpacon-mcp"
ENV NODE_ENV=production \
    ALPACON_MCP_HOST=0.0.0.0 \
    ALPACON_MCP_PORT=8237
USER node
WORKDIR /home/node
EXPOSE 8237
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.ALPACON_MCP_PORT || 8237) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["alpacon-mcp"]
CMD ["serve", "--http"]
