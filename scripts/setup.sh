#!/bin/bash
# Installs what building and testing mdevctl needs on Debian 12.
set -euo pipefail
packages=(g++ cmake make pkg-config libasio-dev nlohmann-json3-dev libudev-dev libcli11-dev
          catch2 uuid-dev)
sudo=""
[ "$(id -u)" -eq 0 ] || sudo=sudo
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${packages[@]}" >/dev/null
