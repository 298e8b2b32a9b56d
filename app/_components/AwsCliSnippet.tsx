import { CodeBlock } from "./CopyButton";

interface AwsCliSnippetProps {
  gatewayUrl: string;
  region: string;
  /** A fresh key's values; placeholders when omitted. */
  accessKeyId?: string;
  secretAccessKey?: string;
}

/** How to point the AWS CLI and SDKs at this Stratus. */
export function AwsCliSnippet({ gatewayUrl, region, accessKeyId = "<access-key-id>", secretAccessKey = "<secret-access-key>" }: AwsCliSnippetProps) {
  const configure = [
    `aws configure set aws_access_key_id ${accessKeyId}`,
    `aws configure set aws_secret_access_key ${secretAccessKey}`,
    `aws configure set region ${region}`,
    `aws sts get-caller-identity --endpoint-url ${gatewayUrl}`,
  ].join("\n");
  const environment = [
    `export AWS_ACCESS_KEY_ID=${accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${secretAccessKey}`,
    `export AWS_REGION=${region}`,
    `export AWS_ENDPOINT_URL=${gatewayUrl}`,
    "aws sts get-caller-identity",
  ].join("\n");
  return (
    <div className="stack">
      <CodeBlock label="AWS CLI (aws configure)" code={configure} />
      <CodeBlock label="Environment variables (AWS CLI and SDKs)" code={environment} />
    </div>
  );
}
