import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "~/server/auth/options";
import { safeCallbackUrl } from "../_lib/format";

export interface AuthSearchParams {
  callbackUrl?: string;
  email?: string;
}

/** Where to go after signing in and the email to prefill; a visitor already signed in goes there at once. */
export async function authFormProps(searchParams: Promise<AuthSearchParams>) {
  const { callbackUrl, email } = await searchParams;
  const destination = safeCallbackUrl(callbackUrl);
  if ((await getServerSession(authOptions))?.user) redirect(destination);
  return { callbackUrl: destination, initialEmail: email ?? "" };
}
