import type { DefaultSession } from "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    /** Absent once the sign-in is older than the session's maximum age. */
    user?: { id: string } & DefaultSession["user"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    /** When the user signed in (epoch seconds); sessions end a fixed time after it. */
    authTime?: number;
  }
}
