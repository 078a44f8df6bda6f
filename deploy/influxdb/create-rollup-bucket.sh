#!/bin/bash
# Runs once, when influxdb:2.7 initialises its volume (/docker-entrypoint-initdb.d). The setup
# step made the raw bucket; rollups live in their own bucket with a longer retention. Creating a
# bucket also creates the virtual DBRP mapping that CxMonitor's /write and /query calls use.
set -e
influx bucket create \
  --name "${CXMONITOR_ROLLUP_BUCKET:-cxmonitor_rollups}" \
  --org "${DOCKER_INFLUXDB_INIT_ORG}" \
  --retention "${CXMONITOR_ROLLUP_RETENTION:-3650d}" \
  --token "${DOCKER_INFLUXDB_INIT_ADMIN_TOKEN}"
