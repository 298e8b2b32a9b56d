/**
 * The AWS managed policies Stratus knows (`arn:aws:iam::aws:policy/…`): the ones people attach to
 * roles for the services Stratus runs. Their documents follow AWS's, trimmed to those services.
 */
export interface AwsManagedPolicy {
  name: string;
  path: string;
  arn: string;
  description: string;
  document: string;
}

const allow = (actions: string[], resource: string | string[] = "*") =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: actions, Resource: resource }] });

const LOGS_WRITE = ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"];

const DEFINITIONS: Omit<AwsManagedPolicy, "arn">[] = [
  { name: "AdministratorAccess", path: "/", description: "Provides full access to AWS services and resources.", document: allow(["*"]) },
  {
    name: "PowerUserAccess",
    path: "/",
    description: "Provides full access to AWS services and resources, but does not allow management of Users and groups.",
    document: JSON.stringify({
      Version: "2012-10-17",
      Statement: [
        { Effect: "Allow", NotAction: ["iam:*", "organizations:*", "account:*"], Resource: "*" },
        { Effect: "Allow", Action: ["iam:CreateServiceLinkedRole", "iam:DeleteServiceLinkedRole", "iam:ListRoles", "organizations:DescribeOrganization"], Resource: "*" },
      ],
    }),
  },
  {
    name: "ReadOnlyAccess",
    path: "/",
    description: "Provides read-only access to AWS services and resources.",
    document: allow(["*:Describe*", "*:Get*", "*:List*"]),
  },
  { name: "IAMFullAccess", path: "/", description: "Provides full access to IAM via the AWS Management Console.", document: allow(["iam:*"]) },
  { name: "IAMReadOnlyAccess", path: "/", description: "Provides read only access to IAM via the AWS Management Console.", document: allow(["iam:Get*", "iam:List*", "iam:Simulate*"]) },
  { name: "AmazonSQSFullAccess", path: "/", description: "Provides full access to Amazon SQS via the AWS Management Console.", document: allow(["sqs:*"]) },
  {
    name: "AmazonSQSReadOnlyAccess",
    path: "/",
    description: "Provides read only access to Amazon SQS via the AWS Management Console.",
    document: allow(["sqs:GetQueueAttributes", "sqs:GetQueueUrl", "sqs:ListDeadLetterSourceQueues", "sqs:ListQueues", "sqs:ListMessageMoveTasks", "sqs:ListQueueTags"]),
  },
  { name: "AmazonSNSFullAccess", path: "/", description: "Provides full access to Amazon SNS via the AWS Management Console.", document: allow(["sns:*"]) },
  { name: "AmazonSNSReadOnlyAccess", path: "/", description: "Provides read only access to Amazon SNS via the AWS Management Console.", document: allow(["sns:GetTopicAttributes", "sns:List*", "sns:CheckIfPhoneNumberIsOptedOut", "sns:GetEndpointAttributes", "sns:GetPlatformApplicationAttributes", "sns:GetSubscriptionAttributes"]) },
  { name: "AWSLambda_FullAccess", path: "/", description: "Grants full access to AWS Lambda service, AWS Lambda console features, and other related AWS services.", document: allow(["lambda:*", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents", "logs:StartLiveTail", "iam:ListRoles", "iam:PassRole"]) },
  { name: "AWSLambda_ReadOnlyAccess", path: "/", description: "Grants read-only access to AWS Lambda service, AWS Lambda console features, and other related AWS services.", document: allow(["lambda:Get*", "lambda:List*", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:GetLogEvents", "logs:FilterLogEvents"]) },
  { name: "AWSLambdaBasicExecutionRole", path: "/service-role/", description: "Provides write permissions to CloudWatch Logs.", document: allow(LOGS_WRITE) },
  {
    name: "AWSLambdaSQSQueueExecutionRole",
    path: "/service-role/",
    description: "Provides receive message, delete message, and read attribute access to SQS queues, and write permissions to CloudWatch logs.",
    document: allow(["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes", ...LOGS_WRITE]),
  },
  {
    name: "AWSLambdaKinesisExecutionRole",
    path: "/service-role/",
    description: "Provides list and read access to Kinesis streams and write permissions to CloudWatch Logs.",
    document: allow(["kinesis:DescribeStream", "kinesis:DescribeStreamSummary", "kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:ListShards", "kinesis:ListStreams", "kinesis:SubscribeToShard", ...LOGS_WRITE]),
  },
  { name: "AWSLambdaRole", path: "/service-role/", description: "Default policy for AWS Lambda service role.", document: allow(["lambda:InvokeFunction"]) },
  { name: "AmazonKinesisFullAccess", path: "/", description: "Provides full access to all streams via the AWS Management Console.", document: allow(["kinesis:*"]) },
  { name: "AmazonKinesisReadOnlyAccess", path: "/", description: "Provides read only access to all streams via the AWS Management Console.", document: allow(["kinesis:Get*", "kinesis:List*", "kinesis:Describe*", "kinesis:SubscribeToShard"]) },
  { name: "AmazonAPIGatewayAdministrator", path: "/", description: "Provides full access to create/edit/delete APIs in Amazon API Gateway via the AWS Management Console.", document: allow(["apigateway:*"], "arn:aws:apigateway:*::/*") },
  { name: "AmazonAPIGatewayInvokeFullAccess", path: "/", description: "Provides full access to invoke APIs in Amazon API Gateway.", document: allow(["execute-api:Invoke", "execute-api:ManageConnections"], "arn:aws:execute-api:*:*:*") },
  { name: "AmazonAPIGatewayPushToCloudWatchLogs", path: "/service-role/", description: "Allows API Gateway to push logs to user's account.", document: allow(["logs:CreateLogGroup", "logs:CreateLogStream", "logs:DescribeLogGroups", "logs:DescribeLogStreams", "logs:PutLogEvents", "logs:GetLogEvents", "logs:FilterLogEvents"]) },
  { name: "CloudWatchLogsFullAccess", path: "/", description: "Provides full access to CloudWatch Logs.", document: allow(["logs:*"]) },
  { name: "CloudWatchLogsReadOnlyAccess", path: "/", description: "Provides read only access to CloudWatch Logs.", document: allow(["logs:Describe*", "logs:Get*", "logs:List*", "logs:StartQuery", "logs:StopQuery", "logs:TestMetricFilter", "logs:FilterLogEvents", "logs:StartLiveTail", "logs:StopLiveTail"]) },
  { name: "AmazonCognitoPowerUser", path: "/", description: "Provides administrative access to existing Amazon Cognito resources.", document: allow(["cognito-identity:*", "cognito-idp:*", "cognito-sync:*", "iam:ListRoles", "iam:ListOpenIdConnectProviders"]) },
  { name: "AmazonCognitoReadOnly", path: "/", description: "Provides read only access to Amazon Cognito resources.", document: allow(["cognito-identity:Describe*", "cognito-identity:Get*", "cognito-identity:List*", "cognito-idp:Describe*", "cognito-idp:AdminGet*", "cognito-idp:AdminList*", "cognito-idp:List*", "cognito-idp:Get*", "iam:ListRoles"]) },
];

export const AWS_MANAGED_POLICIES: ReadonlyMap<string, AwsManagedPolicy> = new Map(
  DEFINITIONS.map((p) => {
    const arn = `arn:aws:iam::aws:policy${p.path}${p.name}`;
    return [arn, { ...p, arn }];
  }),
);

export const isAwsManagedArn = (arn: string) => arn.startsWith("arn:aws:iam::aws:policy/");

/** AWS managed policies have fixed IDs; ours are derived from the name so they stay the same everywhere. */
export function awsManagedPolicyId(name: string): string {
  let hash = 0;
  for (const ch of name) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return `ANPAAWS${hash.toString(36).toUpperCase().padStart(14, "0")}`;
}
