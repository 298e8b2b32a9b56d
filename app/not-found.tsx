import Link from "next/link";
import { CardPage } from "./_components/CardPage";

export default function NotFound() {
  return (
    <CardPage>
      <h1 className="auth-title">Page not found</h1>
      <p>There is nothing at this address.</p>
      <p>
        <Link href="/">Go to the console</Link>
      </p>
    </CardPage>
  );
}
