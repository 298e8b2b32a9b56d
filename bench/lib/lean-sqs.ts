/**
 * A minimal SQS client for diagnosis: AWS JSON 1.0 over a keep-alive socket, signed with SigV4 by
 * hand (node:crypto, signing key cached per day), no SDK middleware, no response MD5 checks. Used to
 * show how much of a workload's cost is the AWS SDK itself rather than the server.
 */
import { createHash, createHmac } from "node:crypto";
import { Agent, request } from "node:http";

const sha256Hex = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data).digest();

export class LeanSqs {
  readonly #url: URL;
  readonly #agent: Agent;
  #keyDate = "";
  #key: Buffer = Buffer.alloc(0);

  constructor(
    endpoint: string,
    private readonly credentials: { accessKeyId: string; secretAccessKey: string },
    private readonly region: string,
    maxSockets = 4,
  ) {
    this.#url = new URL(endpoint);
    this.#agent = new Agent({ keepAlive: true, maxSockets });
  }

  call<T>(operation: string, input: object): Promise<T> {
    const body = JSON.stringify(input);
    const amzDate = new Date().toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
    const date = amzDate.slice(0, 8);
    if (date !== this.#keyDate) {
      this.#key = hmac(hmac(hmac(hmac(`AWS4${this.credentials.secretAccessKey}`, date), this.region), "sqs"), "aws4_request");
      this.#keyDate = date;
    }
    const host = this.#url.host;
    const target = `AmazonSQS.${operation}`;
    const contentType = "application/x-amz-json-1.0";
    const signedHeaders = "content-type;host;x-amz-date;x-amz-target";
    const payloadHash = sha256Hex(body);
    const canonical = `POST\n/\n\ncontent-type:${contentType}\nhost:${host}\nx-amz-date:${amzDate}\nx-amz-target:${target}\n\n${signedHeaders}\n${payloadHash}`;
    const scope = `${date}/${this.region}/sqs/aws4_request`;
    const signature = createHmac("sha256", this.#key).update(`AWS4-HMAC-SHA256\n${amzDate}\n${scope}\n${sha256Hex(canonical)}`).digest("hex");
    const headers = {
      "content-type": contentType,
      host,
      "x-amz-date": amzDate,
      "x-amz-target": target,
      "content-length": String(Buffer.byteLength(body)),
      authorization: `AWS4-HMAC-SHA256 Credential=${this.credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
    };
    return new Promise<T>((resolve, reject) => {
      const req = request({ hostname: this.#url.hostname, port: this.#url.port, path: "/", method: "POST", agent: this.#agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          if (res.statusCode !== 200) reject(new Error(`${operation}: HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
          else resolve((text ? JSON.parse(text) : {}) as T);
        });
        res.on("error", reject);
      });
      req.on("error", reject);
      req.end(body);
    });
  }

  destroy(): void {
    this.#agent.destroy();
  }
}
