#!/usr/bin/env bash
# Runs the machine's Compose client: v2 as a docker plugin, else v1's docker-compose.
if docker compose version >/dev/null 2>&1; then exec docker compose "$@"; fi
exec docker-compose "$@"
