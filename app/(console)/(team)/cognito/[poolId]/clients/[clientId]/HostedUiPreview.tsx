import { Container } from "../../../../../../_components/Container";
import "../../../cognito.css";

interface HostedUiPreviewProps {
  /** The client's hosted sign-in page. */
  url: string;
  /** Whether the gateway lets the console frame its pages (it knows the console's origin). */
  framable: boolean;
}

/**
 * The client's hosted sign-in page as users see it. The frame is sandboxed: a preview to look at,
 * whose form can't be sent; "View Hosted UI" opens the page to sign in for real.
 */
export function HostedUiPreview({ url, framable }: HostedUiPreviewProps) {
  return (
    <Container title="Sign-in page preview" description="The hosted UI's sign-in page for this app client.">
      {framable ? (
        <iframe className="cognito-hosted-ui-preview" title="Hosted UI sign-in page preview" src={url} sandbox="" />
      ) : (
        <p className="text-secondary">
          The gateway lets no site frame its pages while the console&apos;s address (NEXTAUTH_URL) isn&apos;t set, so the page can&apos;t be shown here.{" "}
          <a href={url} target="_blank" rel="noreferrer">
            Open the sign-in page in a new tab
          </a>
          .
        </p>
      )}
    </Container>
  );
}
