# Shared helpers of the set-up scripts.

# The machine's own Debian mirror for SUITE (never hardcoded in the repository).
debian_mirror() {
  local SUITE=$1
  local f
  # one-line format: deb [opts] URI suite comps...
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$f" ] || continue
    awk -v suite="$SUITE" '
      { sub(/#.*/, "") }
      $1 == "deb" {
        i = 2
        if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
        uri = $i; s = $(i + 1)
        if (s == suite && uri ~ /^https?:\/\// && uri !~ /security/) { print uri; exit }
      }' "$f"
  done
  # deb822 format: stanzas with Types:/URIs:/Suites:
  for f in /etc/apt/sources.list.d/*.sources; do
    [ -f "$f" ] || continue
    awk -v suite="$SUITE" '
      function flush() {
        if (types ~ /(^| )deb( |$)/ && enabled != "no" && (" " suites " ") ~ (" " suite " "))
          for (k = 1; k <= nu; k++) if (u[k] ~ /^https?:\/\// && u[k] !~ /security/) { print u[k]; exit }
        types = ""; suites = ""; enabled = ""; nu = 0
      }
      /^[ \t]*#/ { next }
      /^[ \t]*$/ { flush(); next }
      {
        key = tolower($1); sub(/:$/, "", key); $1 = ""; sub(/^ +/, "")
        if (key == "types") types = $0
        else if (key == "suites") suites = $0
        else if (key == "enabled") enabled = tolower($0)
        else if (key == "uris") nu = split($0, u, / +/)
      }
      END { flush() }' "$f"
  done
}
