import { SUPPORTED_RUNTIMES, type Runtime } from "~/server/services/lambda/runtimes";

export { SUPPORTED_RUNTIMES, type Runtime };

export type RuntimeFamily = "nodejs" | "python" | "provided";

interface RuntimeInfo {
  label: string;
  family: RuntimeFamily;
  /** Which program on this server runs functions with the label: Stratus has no runtime images. */
  servedBy: string;
}

export const RUNTIMES: Record<Runtime, RuntimeInfo> = {
  "nodejs20.x": { label: "Node.js 20.x", family: "nodejs", servedBy: "Runs on this server's Node.js" },
  "nodejs22.x": { label: "Node.js 22.x", family: "nodejs", servedBy: "Runs on this server's Node.js" },
  "python3.11": { label: "Python 3.11", family: "python", servedBy: "Runs on this server's python3" },
  "python3.12": { label: "Python 3.12", family: "python", servedBy: "Runs on this server's python3" },
  "provided.al2023": { label: "Amazon Linux 2023 (custom runtime)", family: "provided", servedBy: "Runs your bootstrap executable on this server" },
};

export function runtimeInfo(runtime: string): RuntimeInfo | undefined {
  return (RUNTIMES as Record<string, RuntimeInfo | undefined>)[runtime];
}

/** A file of a function's code, as the editor holds it and InlineFiles sends it. */
export interface SourceFile {
  path: string;
  content: string;
  executable?: boolean;
}

export interface StarterCode {
  handler: string;
  files: SourceFile[];
}

/** The code AWS's "Author from scratch" starts a function with, per runtime family. */
const SCRATCH: Record<RuntimeFamily, StarterCode> = {
  nodejs: {
    handler: "index.handler",
    files: [
      {
        path: "index.mjs",
        content: `export const handler = async (event) => {
  // TODO implement
  const response = {
    statusCode: 200,
    body: JSON.stringify('Hello from Lambda!'),
  };
  return response;
};
`,
      },
    ],
  },
  python: {
    handler: "lambda_function.lambda_handler",
    files: [
      {
        path: "lambda_function.py",
        content: `import json

def lambda_handler(event, context):
    # TODO implement
    return {
        'statusCode': 200,
        'body': json.dumps('Hello from Lambda!')
    }
`,
      },
    ],
  },
  provided: {
    handler: "function.handler",
    files: [
      {
        path: "bootstrap",
        executable: true,
        content: `#!/bin/bash
set -euo pipefail

# Initialization: load the function handler named by _HANDLER (file.function).
source "$LAMBDA_TASK_ROOT/$(echo "$_HANDLER" | cut -d. -f1).sh"

# The Lambda Runtime API loop: get an event, run the handler, post its response.
while true
do
  HEADERS="$(mktemp)"
  EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
  REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  RESPONSE=$($(echo "$_HANDLER" | cut -d. -f2) "$EVENT_DATA")
  curl -sS "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response" -d "$RESPONSE"
done
`,
      },
      {
        path: "function.sh",
        content: `function handler () {
  EVENT_DATA=$1
  echo "$EVENT_DATA" 1>&2;
  RESPONSE="Echoing request: '$EVENT_DATA'"
  echo $RESPONSE
}
`,
      },
    ],
  },
};

export function scratchCode(runtime: Runtime): StarterCode {
  return SCRATCH[RUNTIMES[runtime].family];
}

export type BlueprintId = "hello-world-nodejs" | "hello-world-python";

interface Blueprint extends StarterCode {
  label: string;
  description: string;
  runtime: Runtime;
}

/** AWS's "hello-world" blueprints: log three values of the event and return the first. */
export const BLUEPRINTS: Record<BlueprintId, Blueprint> = {
  "hello-world-nodejs": {
    label: "Hello world (Node.js)",
    description: "A starter function that logs three values of its event and returns the first.",
    runtime: "nodejs20.x",
    handler: "index.handler",
    files: [
      {
        path: "index.mjs",
        content: `console.log('Loading function');

export const handler = async (event, context) => {
    //console.log('Received event:', JSON.stringify(event, null, 2));
    console.log('value1 =', event.key1);
    console.log('value2 =', event.key2);
    console.log('value3 =', event.key3);
    return event.key1;  // Echo back the first key value
    // throw new Error('Something went wrong');
};
`,
      },
    ],
  },
  "hello-world-python": {
    label: "Hello world (Python)",
    description: "The same starter in Python: logs three values of its event and returns the first.",
    runtime: "python3.12",
    handler: "lambda_function.lambda_handler",
    files: [
      {
        path: "lambda_function.py",
        content: `import json

print('Loading function')


def lambda_handler(event, context):
    #print("Received event: " + json.dumps(event, indent=2))
    print("value1 = " + event['key1'])
    print("value2 = " + event['key2'])
    print("value3 = " + event['key3'])
    return event['key1']  # Echo back the first key value
    #raise Exception('Something went wrong')
`,
      },
    ],
  },
};
