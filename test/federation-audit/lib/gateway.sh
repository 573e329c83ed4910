# Run script handed to the audit CLI (--run-script). The CLI runs it as `sh gateway.sh <suite-id>` with this
# directory as cwd and SIGTERMs the `sh` process after the suite; everything else is in gateway.bash.
exec bash "$(dirname "$0")/gateway.bash" "$@"
