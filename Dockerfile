# rozvoj for deployment with PostgreSQL: one static binary with the SPA inside, on a small non-root image.
# docker build -t rozvoj . && docker run -e ROZVOJ_DATABASE_URL=postgres://… -e ROZVOJ_SECRET=… -p 8080:8080 rozvoj

FROM node:22-bookworm-slim AS spa
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM golang:1.26-bookworm AS bin
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=spa /src/frontend/dist ./frontend/dist
RUN CGO_ENABLED=0 go build -trimpath -ldflags='-s -w' -o /out/rozvoj ./cmd/rozvoj

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=bin /out/rozvoj /usr/local/bin/rozvoj
ENV ROZVOJ_ADDR=:8080 \
    ROZVOJ_DATABASE_URL=sqlite:///data/rozvoj.db
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/rozvoj"]
CMD ["serve"]
