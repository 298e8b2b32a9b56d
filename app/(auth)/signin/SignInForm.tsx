"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "../../_components/Alert";
import { Button } from "../../_components/Button";
import { FormField } from "../../_components/FormField";

const SIGN_IN_ERRORS: Record<string, string> = {
  CredentialsSignin: "Incorrect email address or password.",
  LockedOut: "Too many failed sign-in attempts. Wait a few minutes, then try again.",
};

interface SignInFormProps {
  callbackUrl: string;
  initialEmail: string;
}

export function SignInForm({ callbackUrl, initialEmail }: SignInFormProps) {
  const router = useRouter();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email: email.trim(), password, redirect: false });
    if (!result?.ok || result.error) {
      setError(SIGN_IN_ERRORS[result?.error ?? ""] ?? "Couldn't sign in. Try again.");
      setPending(false);
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  }

  const signUpHref = `/signup?${new URLSearchParams({ callbackUrl, ...(email && { email }) })}`;
  return (
    <>
      <h1 className="auth-title">Sign in</h1>
      <form onSubmit={submit} className="form">
        {error && <Alert type="error">{error}</Alert>}
        <FormField label="Email address">
          {(control) => (
            <input {...control} type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="email" autoFocus={!initialEmail} />
          )}
        </FormField>
        <FormField label="Password">
          {(control) => (
            <input {...control} type="password" className="input" value={password} onChange={(e) => setPassword(e.target.value)} required autoComplete="current-password" autoFocus={Boolean(initialEmail)} />
          )}
        </FormField>
        <Button type="submit" variant="primary" loading={pending} className="btn-block">
          Sign in
        </Button>
      </form>
      <div className="auth-divider">New to Stratus?</div>
      <Link href={signUpHref} className="btn btn-normal btn-block">
        Create a new Stratus account
      </Link>
    </>
  );
}
