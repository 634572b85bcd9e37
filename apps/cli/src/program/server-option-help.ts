/** The help line of `--server`, on its own so that printing help loads nothing that talks to servers. */
export const SERVER_OPTION_HELP =
  'a Seer API to run on, e.g. http://127.0.0.1:8787 (default: SEER_SERVER_URL; its token: SEER_TOKEN)';
