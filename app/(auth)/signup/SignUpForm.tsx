"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { Alert } from "../../_components/Alert";
import { Button } from "../../_components/Button";
import { FormField } from "../../_components/FormField";
import { errorMessage } from "../../_lib/errors";
import { useTRPC } from "../../_trpc/client";

const MIN_PASSWORD = 8;

interface SignUpFormProps {
  callbackUrl: string;
  initialEmail: string;
}

export function SignUpForm({ callbackUrl, initialEmail }: SignUpFormProps) {
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState(false);

  const signUp = useMutation(
    trpc.auth.signUp.mutationOptions({
      async onSuccess(_data, input) {
        const result = await signIn("credentials", { email: input.email, password: input.password, redirect: false });
        // The account exists either way; if the automatic sign-in fails, the sign-in page can finish the job.
        router.replace(result?.ok ? callbackUrl : `/signin?${new URLSearchParams({ callbackUrl, email: input.email })}`);
        router.refresh();
      },
    }),
  );

  function submit(event: FormEvent) {
    event.preventDefault();
    const passwordsDiffer = password !== confirm;
    setMismatch(passwordsDiffer);
    if (!passwordsDiffer) signUp.mutate({ name: name.trim(), email: email.trim(), password });
  }

  const busy = signUp.isPending || signUp.isSuccess;
  return (
    <>
      <h1 className="auth-title">Create a Stratus account</h1>
      <form onSubmit={submit} className="form">
        {signUp.isError && <Alert type="error">{errorMessage(signUp.error)}</Alert>}
        <FormField label="Name">
          {(control) => <input {...control} className="input" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="name" autoFocus />}
        </FormField>
        <FormField label="Email address">
          {(control) => (
            <input {...control} type="email" className="input" value={email} onChange={(e) => setEmail(e.target.value)} required autoComplete="email" />
          )}
        </FormField>
        <FormField label="Password" description={`At least ${MIN_PASSWORD} characters.`}>
          {(control) => (
            <input
              {...control}
              type="password"
              className="input"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              minLength={MIN_PASSWORD}
              autoComplete="new-password"
            />
          )}
        </FormField>
        <FormField label="Confirm password" error={mismatch ? "The passwords don't match." : undefined}>
          {(control) => (
            <input {...control} type="password" className="input" value={confirm} onChange={(e) => setConfirm(e.target.value)} required autoComplete="new-password" />
          )}
        </FormField>
        <Button type="submit" variant="primary" loading={busy} className="btn-block">
          Create account
        </Button>
      </form>
      <div className="auth-divider">Already have an account?</div>
      <Link href={`/signin?${new URLSearchParams({ callbackUrl })}`} className="btn btn-normal btn-block">
        Sign in
      </Link>
    </>
  );
}
