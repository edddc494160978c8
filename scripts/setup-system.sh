#!/usr/bin/env bash
# Installs the system programs some test suites drive, from Debian's packages: Chromium for the
# browser tests, and the S3 clients the mock is checked against (aws CLI, boto3, rclone, s3cmd,
# curl's own SigV4 signer).
# `npm test` skips those suites when a program is missing (and fails under CI=true).
set -euo pipefail
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq -o DPkg::Lock::Timeout=300 \
  chromium awscli python3-boto3 rclone s3cmd curl "$@" >/dev/null
chromium --version
aws --version
rclone --version | sed -n 1p
s3cmd --version
curl --version | sed -n 1p
python3 -c 'import boto3; print("boto3", boto3.__version__)'
