/** The e2e stack runs on its own ports, database and Redis DB, so it never touches a dev instance. */
export const WEB_URL = "http://localhost:3100";
export const GATEWAY_URL = "http://localhost:4666";
