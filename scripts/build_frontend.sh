#!/usr/bin/env bash
# Build the vendored GOV.UK Frontend assets in static/govuk/.
#
#   scripts/build_frontend.sh        (runnable from any directory)
#
# Installs the exact versions pinned in frontend/package-lock.json (npm ci),
# compiles frontend/govuk.scss (system font stack, no GDS Transport) to
# static/govuk/govuk-frontend.min.css, and copies the GOV.UK Frontend
# JavaScript bundle and images (but NOT the GDS Transport fonts, which are
# licensed for gov.uk services only). The output is committed, so the app
# and CI need neither node nor this script at run time: run it only when
# upgrading govuk-frontend or changing frontend/govuk.scss.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
frontend_dir="$repo_root/frontend"
pkg_dir="$frontend_dir/node_modules/govuk-frontend"
dist_dir="$pkg_dir/dist/govuk"
out_dir="$repo_root/static/govuk"
css_out="$out_dir/govuk-frontend.min.css"
js_out="$out_dir/govuk-frontend.min.js"

die() { echo "build_frontend: error: $*" >&2; exit 1; }

command -v npm >/dev/null 2>&1 || die "npm not found (Node.js 20+ is required)"

# 1. Exact, locked dependencies.
(cd "$frontend_dir" && npm ci --no-audit --no-fund --loglevel=error)

[[ -f "$dist_dir/index.scss" ]] || die "govuk-frontend Sass entry point not found at $dist_dir/index.scss"
govuk_version="$(node -p "require('$pkg_dir/package.json').version")"
sass_bin="$frontend_dir/node_modules/.bin/sass"
[[ -x "$sass_bin" ]] || die "sass not installed at $sass_bin"

# 2. Fresh output directory (only files this script owns).
rm -rf "$out_dir/assets" "$css_out" "$js_out"
mkdir -p "$out_dir/assets"

# 3. Stylesheet. GOV.UK Frontend 5 relies on @import, global built-in
#    functions, if() and / division, all deprecated in dart-sass:
#    --quiet-deps hides the warnings raised inside node_modules (reached
#    through --load-path) and --silence-deprecation=import hides the one
#    for the @import in our own govuk.scss. Other warnings still show.
"$sass_bin" \
  --load-path="$frontend_dir/node_modules" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --silence-deprecation=import \
  "$frontend_dir/govuk.scss" "$css_out"

# 4. JavaScript: the ES module bundle that exports initAll(). Drop the
#    trailing sourceMappingURL comment, because the .map is not vendored.
sed -e 's|//# sourceMappingURL=[^[:space:]]*$||' \
  "$dist_dir/govuk-frontend.min.js" > "$js_out"

# 5. Images and the web app manifest; never assets/fonts.
cp -R "$dist_dir/assets/images" "$out_dir/assets/images"
if [[ -f "$dist_dir/assets/manifest.json" ]]; then
  cp "$dist_dir/assets/manifest.json" "$out_dir/assets/manifest.json"
fi

# 6. htmx, for in-place updates (served from the app like everything else).
mkdir -p "$repo_root/static/vendor/htmx"
cp "$frontend_dir/node_modules/htmx.org/dist/htmx.min.js" "$repo_root/static/vendor/htmx/htmx.min.js"
cp "$frontend_dir/node_modules/htmx.org/LICENSE" "$repo_root/static/vendor/htmx/LICENSE"

# 7. Guards: nothing may point at the GDS Transport font.
if grep -qi "GDS Transport" "$css_out"; then
  die "$css_out mentions GDS Transport"
fi
if grep -Eqi "url\([\"']?[^)\"']*fonts/" "$css_out"; then
  die "$css_out references a fonts/ url"
fi
if [[ -e "$out_dir/assets/fonts" ]]; then
  die "$out_dir/assets/fonts must not exist"
fi
grep -q "system-ui" "$css_out" || die "$css_out lacks the system font stack"
grep -q "initAll" "$js_out" || die "$js_out does not export initAll"
# Every url() in the CSS must resolve to a vendored file (Django's
# ManifestStaticFilesStorage fails collectstatic otherwise).
while IFS= read -r ref; do
  [[ -e "$out_dir/$ref" ]] || die "$css_out references missing file $ref"
done < <(grep -oE 'url\([^)]*\)' "$css_out" \
  | sed -E "s/^url\([\"']?//; s/[\"']?\)$//; s/[?#].*$//" \
  | grep -vE '^(data:|https?:|/)' | sort -u)

css_kb=$(( $(wc -c < "$css_out") / 1024 ))
js_kb=$(( $(wc -c < "$js_out") / 1024 ))
n_images=$(find "$out_dir/assets/images" -type f | wc -l)
echo "build_frontend: govuk-frontend $govuk_version -> static/govuk/ (css ${css_kb} KiB, js ${js_kb} KiB, ${n_images} images, no fonts)"
