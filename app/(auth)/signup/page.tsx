import type { Metadata } from "next";
import { authFormProps, type AuthSearchParams } from "../auth-params";
import { SignUpForm } from "./SignUpForm";

export const metadata: Metadata = { title: "Create account" };

export default async function SignUpPage({ searchParams }: { searchParams: Promise<AuthSearchParams> }) {
  return <SignUpForm {...await authFormProps(searchParams)} />;
}
