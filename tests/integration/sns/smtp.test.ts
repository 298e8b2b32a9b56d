// With STRATUS_SMTP_URL set, SNS email really goes out: the confirmation and the notifications reach an
// SMTP server (a local one here), and each also lands in the team outbox.
import assert from "node:assert/strict";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import * as sns from "@aws-sdk/client-sns";
import { SMTPServer } from "smtp-server";
import { trpcAs } from "../../helpers/fixtures";
import { type SnsHarness, startSnsHarness, waitFor } from "./harness";

interface Mail {
  from: string;
  to: string[];
  data: string;
}

let h: SnsHarness;
let smtp: SMTPServer;
const mails: Mail[] = [];

before(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString("utf8"),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  // Read when the workers first need it, which is after this point.
  process.env.STRATUS_SMTP_URL = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  process.env.STRATUS_SMTP_FROM = "sns@example.test";
  h = await startSnsHarness();
});
after(async () => {
  await h.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** Quoted-printable soft line breaks and escapes undone, enough to find text in a plain-text mail. */
const plain = (data: string) => data.replace(/=\r?\n/g, "").replace(/=3D/g, "=");

describe("email through SMTP", () => {
  it("sends the confirmation and, once confirmed, each notification; the outbox records both", async () => {
    const topic = await h.topic("smtp");
    const address = `dev-${Date.now()}@example.test`;
    await h.sns.send(new sns.SubscribeCommand({ TopicArn: topic, Protocol: "email", Endpoint: address }));

    const confirmation = await waitFor("the confirmation email", () => mails.find((m) => m.to.includes(address)));
    assert.equal(confirmation.from, "sns@example.test");
    assert.match(confirmation.data, /Subject: AWS Notification - Subscription Confirmation/);
    const link = /http:\/\/\S+Action=ConfirmSubscription\S+/.exec(plain(confirmation.data))?.[0];
    assert.ok(link, "the email carries the SubscribeURL");
    const confirmed = await fetch(h.onGateway(link));
    assert.equal(confirmed.status, 200);

    await h.sns.send(new sns.PublishCommand({ TopicArn: topic, Subject: "Build finished", Message: "All green." }));
    const notification = await waitFor("the notification email", () => mails.find((m) => m.to.includes(address) && m.data.includes("Build finished")));
    assert.match(plain(notification.data), /All green\./);
    assert.match(plain(notification.data), /Action=Unsubscribe/);

    // Each email is recorded once the SMTP server took it.
    const console = trpcAs(h.team, { accountId: h.team.accountId });
    const subjects = await waitFor("both emails in the outbox", async () => {
      const mine = (await console.sns.listOutbox({ protocol: "email" })).filter((item) => item.destination === address);
      return mine.length === 2 ? mine.map((item) => item.subject).sort() : undefined;
    });
    assert.deepEqual(subjects, ["AWS Notification - Subscription Confirmation", "Build finished"]);
  });
});
