import type { Metadata } from "next";
import { authFormProps, type AuthSearchParams } from "../auth-params";
import { SignInForm } from "./SignInForm";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<AuthSearchParams> }) {
  return <SignInForm {...await authFormProps(searchParams)} />;
}
