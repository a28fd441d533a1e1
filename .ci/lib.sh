# Shared set-up for .ci/app, .ci/test and .ci/package: find or install what Almanac Studio needs.
# Sourced, not run. Every step says what it does; every failure says what is needed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

say() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Debian packages: WebKitGTK for the window, its WebDriver and Xvfb for the end-to-end tests,
# imagemagick for screenshots, and what Tauri's crates link against. For .ci/package and
# .ci/package-test: appstream (appstreamcli) and desktop-file-utils validate the metadata and
# the desktop entry, rpm and cpio make and read the .rpm, x11-utils (xprop) reads the installed
# app's window class.
SYSTEM_PACKAGES=(
  build-essential pkg-config file curl
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev libxdo-dev libssl-dev
  webkit2gtk-driver xvfb xauth dbus imagemagick
  appstream desktop-file-utils rpm cpio x11-utils
  hunspell-en-us
)

need_tools() {
  command -v cargo >/dev/null || die "cargo is not installed. Install Rust (https://rustup.rs), then run this again."
  command -v node >/dev/null || die "Node.js is not installed. Install Node.js 20 or newer (with npm), then run this again."
  command -v npm >/dev/null || die "npm is not installed. It ships with Node.js 20 or newer."
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$major" -ge 20 ] || die "Node.js $major is too old; Almanac Studio's UI build needs Node.js 20 or newer."
}

ensure_system_packages() {
  command -v dpkg-query >/dev/null || die "this set-up script knows Debian/Ubuntu (apt). On another system install the equivalents of: ${SYSTEM_PACKAGES[*]}"
  local missing=()
  for p in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing Debian packages and not root. Run as root: apt-get install -y ${missing[*]}"
    sudo="sudo"
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq \
    || die "apt-get update failed (no network to the Debian mirrors?). Needed: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || die "apt-get install failed. Needed: ${missing[*]}"
}

ensure_ui_deps() {
  if [ ! -d ui/node_modules ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
    say "installing the UI's npm dependencies (npm ci)"
    npm --prefix ui ci --no-audit --no-fund || die "npm ci failed in ui/ (is the npm registry reachable?)"
  fi
}

build_ui() {
  say "building the UI (ui/dist)"
  npm --prefix ui run build --silent || die "the UI build failed; see the messages above"
}

ensure_tauri_driver() {
  export PATH="$HOME/.cargo/bin:$PATH"
  if ! command -v tauri-driver >/dev/null; then
    say "installing tauri-driver (cargo install tauri-driver --locked)"
    cargo install tauri-driver --locked || die "could not install tauri-driver from crates.io"
  fi
}

# The files (not folders) a .deb installs, one absolute path a line, sorted (from dpkg -c).
deb_file_list() {
  dpkg -c "$1" | grep -v '^d' | sed -E 's/^([^ ]+ +){5}\.//' | LC_ALL=C sort
}

# The files an .rpm installs, one absolute path a line, sorted (from rpm -qlp).
rpm_file_list() {
  rpm -qlp "$1" 2>/dev/null | LC_ALL=C sort
}

# Whether a .deb and an .rpm install the same files; prints the differences when not. The one
# allowed difference: zsh completions, which Debian's zsh reads from
# /usr/share/zsh/vendor-completions and RPM systems' from /usr/share/zsh/site-functions.
package_file_lists_agree() {
  local deb="$1" rpm="$2"
  diff -u --label "$(basename "$deb")" --label "$(basename "$rpm")" \
    <(deb_file_list "$deb" | sed 's|^/usr/share/zsh/vendor-completions/|/usr/share/zsh/site-functions/|') \
    <(rpm_file_list "$rpm")
}
