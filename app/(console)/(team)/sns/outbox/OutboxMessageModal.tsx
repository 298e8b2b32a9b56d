"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { Alert } from "../../../../_components/Alert";
import { Button } from "../../../../_components/Button";
import { CopyButton } from "../../../../_components/CopyButton";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { Modal } from "../../../../_components/Modal";
import { errorMessage } from "../../../../_lib/errors";
import { formatDateTime } from "../../../../_lib/format";
import { useTRPC } from "../../../../_trpc/client";
import { findLinks, isConfirmationLink, parseConfirmation } from "../confirmation";
import { prettyJson } from "../json";
import { protocolLabel } from "../protocols";
import { topicHref, topicNameFromArn } from "../links";
import type { OutboxItem } from "./OutboxPage";

/**
 * One outbox message. The body is rendered as text (React escapes it), never as HTML; the http(s) links
 * in it are listed as plain anchors that open in a new tab without access to this page.
 */
export function OutboxMessageModal({ item, onClose }: { item: OutboxItem | null; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const confirm = useMutation(
    trpc.sns.confirmSubscription.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries(trpc.sns.listSubscriptionsByTopic.queryFilter()), queryClient.invalidateQueries(trpc.sns.listSubscriptions.queryFilter())]),
    }),
  );
  const optOut = useMutation(trpc.sns.optOutPhoneNumber.mutationOptions());
  const body = item ? (item.protocol === "email-json" || item.protocol === "application" ? prettyJson(item.body) : item.body) : "";
  const links = item ? findLinks(item.body) : [];

  function close() {
    confirm.reset();
    optOut.reset();
    onClose();
  }

  return (
    <Modal
      open={item !== null}
      title="Outbox message"
      onClose={close}
      footer={
        <Button variant="primary" onClick={close}>
          Done
        </Button>
      }
    >
      {item && (
        <>
          <KeyValueGrid label="Outbox message">
            <KeyValue label="Time">{formatDateTime(item.createdAt)}</KeyValue>
            <KeyValue label="Protocol">{protocolLabel(item.protocol)}</KeyValue>
            <KeyValue label="Destination">
              <span className="break-all">{item.destination}</span>
            </KeyValue>
            <KeyValue label="Subject">{item.subject || "–"}</KeyValue>
            <KeyValue label="Topic">{item.topicArn ? <Link href={topicHref(topicNameFromArn(item.topicArn))}>{topicNameFromArn(item.topicArn)}</Link> : "–"}</KeyValue>
            <KeyValue label="Message ID">
              <code>{item.messageId}</code>
            </KeyValue>
          </KeyValueGrid>

          <section aria-label="Body" className="message-section">
            <div className="message-section-header">
              <h3 className="message-section-title">Body</h3>
              <CopyButton text={item.body} label="Copy message body" />
            </div>
            <pre className="message-body" data-testid="outbox-body">
              {body}
            </pre>
          </section>

          {links.length > 0 && (
            <section aria-label="Links" className="message-section">
              <h3 className="message-section-title">Links in the message</h3>
              <ul className="sns-links">
                {links.map((link) => {
                  const confirmation = isConfirmationLink(link) ? parseConfirmation(link) : null;
                  return (
                    <li key={link}>
                      <a href={link} target="_blank" rel="noopener noreferrer nofollow">
                        {link}
                      </a>
                      {confirmation && (
                        <Button
                          variant="primary"
                          loading={confirm.isPending}
                          disabled={confirm.isSuccess}
                          onClick={() => confirm.mutate({ TopicArn: confirmation.topicArn, Token: confirmation.token })}
                        >
                          Confirm subscription
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ul>
            </section>
          )}
          {confirm.isSuccess && <Alert type="success">Subscription confirmed: the address now receives the topic&apos;s messages.</Alert>}
          {confirm.isError && <Alert type="error" title="Couldn't confirm the subscription">{errorMessage(confirm.error)}</Alert>}

          {item.protocol === "sms" && (
            <section aria-label="Recipient" className="message-section">
              <h3 className="message-section-title">Recipient</h3>
              <p className="text-secondary">Replying STOP opts the number out: SNS then stops sending it SMS messages until it is opted in again.</p>
              <div className="button-row">
                <Button loading={optOut.isPending} disabled={optOut.isSuccess} onClick={() => optOut.mutate({ phoneNumber: item.destination })}>
                  Opt out {item.destination}
                </Button>
              </div>
              {optOut.isSuccess && <Alert type="success">{item.destination} is opted out of SMS messages.</Alert>}
              {optOut.isError && <Alert type="error">{errorMessage(optOut.error)}</Alert>}
            </section>
          )}
        </>
      )}
    </Modal>
  );
}
