/**
 * The services Stratus offers, in console order. Each service issue flips `available` and
 * adds a resource counter in server/services/dashboard.
 */
export interface ServiceEntry {
  id: string;
  name: string;
  description: string;
  /** Console path of the service's home page. */
  href: string;
  available: boolean;
}

export const SERVICES: readonly ServiceEntry[] = [
  { id: "sqs", name: "SQS", description: "Queues", href: "/sqs", available: true },
  { id: "sns", name: "SNS", description: "Topics", href: "/sns", available: true },
  { id: "lambda", name: "Lambda", description: "Functions", href: "/lambda", available: true },
  { id: "apigateway", name: "API Gateway", description: "REST APIs with stages", href: "/apigateway", available: true },
  { id: "kinesis", name: "Kinesis", description: "Data streams", href: "/kinesis", available: true },
  { id: "cognito", name: "Cognito", description: "User pools and identity pools", href: "/cognito", available: true },
  { id: "iam", name: "IAM", description: "Roles and policies", href: "/iam", available: true },
  { id: "logs", name: "CloudWatch Logs", description: "Log groups and streams", href: "/logs", available: true },
  { id: "states", name: "Step Functions", description: "State machines", href: "/states", available: false },
  { id: "events", name: "EventBridge", description: "Event buses and rules", href: "/events", available: false },
];
