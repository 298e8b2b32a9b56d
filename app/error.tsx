"use client";

import { Alert } from "./_components/Alert";
import { Button, ButtonLink } from "./_components/Button";
import { CardPage } from "./_components/CardPage";

/** Last resort for errors no page handled; the message stays generic since it may be internal. */
export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  return (
    <CardPage>
      <h1 className="auth-title">Something went wrong</h1>
      <Alert type="error">The page could not be shown. Try again, or go back to the console home.</Alert>
      <div className="form-actions">
        <Button onClick={reset}>Try again</Button>
        <ButtonLink href="/" variant="primary">
          Console home
        </ButtonLink>
      </div>
    </CardPage>
  );
}
