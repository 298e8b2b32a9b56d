import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { prisma } from "../db/client";
import { env } from "../env";
import { deriveSessionSecret } from "../lib/secrets";
import { authenticate, SignInLockedError } from "../services/accounts/users";
import { Email } from "../services/accounts/validation";
import { sourceIpFromHeaders } from "./source-ip";

/** Console sessions last a working day; sign in again after that. */
export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const Credentials = z.object({ email: Email, password: z.string().min(1).max(256) });

function sessionSecret(): string {
  const e = env();
  return e.NEXTAUTH_SECRET ?? deriveSessionSecret(e.STRATUS_SECRET_KEY);
}

export const authOptions: NextAuthOptions = {
  // A getter: the env is read per request, not when `next build` imports this module.
  get secret() {
    return sessionSecret();
  },
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(raw, req) {
        const parsed = Credentials.safeParse(raw);
        if (!parsed.success) return null;
        try {
          // Per-address throttling only with a trusted proxy: otherwise the address is whatever the client claims.
          const sourceIp = env().STRATUS_TRUST_PROXY ? sourceIpFromHeaders(req.headers ?? {}) : undefined;
          return await authenticate(prisma(), { ...parsed.data, sourceIp });
        } catch (e) {
          // next-auth reports a thrown error's message as the sign-in error code.
          if (e instanceof SignInLockedError) throw new Error("LockedOut");
          throw e;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.sub = user.id;
        token.authTime = Math.floor(Date.now() / 1000);
      }
      return token;
    },
    session({ session, token }) {
      // next-auth slides a JWT session's expiry on every use; sign-in itself must still be renewed daily.
      const authTime = typeof token.authTime === "number" ? token.authTime : 0;
      if (Date.now() / 1000 - authTime > SESSION_MAX_AGE_SECONDS) return { expires: session.expires };
      if (session.user && token.sub) session.user.id = token.sub;
      return session;
    },
  },
};
