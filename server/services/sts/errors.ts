import { AwsError } from "../../errors";

/** STS errors (query protocol: SDKs read the code as written). */
export const StsErrors = {
  accessDenied: (message: string) => new AwsError("AccessDenied", message, 403),
  validation: (message: string) => new AwsError("ValidationError", message, 400),
  malformedPolicyDocument: (message: string) => new AwsError("MalformedPolicyDocumentException", message, 400, "Sender", "MalformedPolicyDocument"),
  packedPolicyTooLarge: () =>
    new AwsError("PackedPolicyTooLargeException", "Packed policy consumes 100% of allotted space, please use smaller policy.", 400, "Sender", "PackedPolicyTooLarge"),
};
