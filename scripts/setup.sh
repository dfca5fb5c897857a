#!/usr/bin/env bash
# Installs what a fresh Debian/Ubuntu machine lacks (Chromium for the browser tests, OpenCV headers for the vision service's native
# module, ccache to make its rebuilds fast, tesseract and its French data for the OCR benchmark's native reference), then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
dpkg -s libopencv-dev >/dev/null 2>&1 || need+=(libopencv-dev)
command -v ccache >/dev/null 2>&1 || need+=(ccache)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
# The native reference reads the zones in the same languages as tesseract.js (English ships with tesseract-ocr).
dpkg -s tesseract-ocr-fra >/dev/null 2>&1 || need+=(tesseract-ocr-fra)
# The web app's browser tests drive Debian's Chromium headless (playwright-core, executablePath /usr/bin/chromium).
[ -x /usr/bin/chromium ] || need+=(chromium)
if ((${#need[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${need[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi

# @u4/opencv4nodejs compiles against the system OpenCV instead of downloading and building its own.
export OPENCV4NODEJS_DISABLE_AUTOBUILD=1
export OPENCV_INCLUDE_DIR=/usr/include/opencv4
export OPENCV_LIB_DIR="/usr/lib/$(gcc -dumpmachine)"
export OPENCV_BIN_DIR=/usr/bin
if command -v ccache >/dev/null 2>&1; then export CC="ccache gcc" CXX="ccache g++"; fi
export JOBS="$(nproc)"
# onnxruntime-node ships its CPU binary in the npm package; its install script would fetch CUDA binaries from
# outside the registry (and fail offline): skipped.
export ONNXRUNTIME_NODE_INSTALL=skip

npm ci --no-audit --no-fund

# The web app the gateway serves at / (apps/web/dist), so `npm start` opens on it.
npm run build -w apps/web
