"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { FormField } from "../../../../../_components/FormField";
import { Modal } from "../../../../../_components/Modal";
import { RadioGroup } from "../../../../../_components/Tiles";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";

interface StartRedriveModalProps {
  name: string;
  /** The dead-letter queue's ARN: the task's source. */
  arn: string;
  fifo: boolean;
  onClose: () => void;
  onStarted: () => void;
}

/** StartMessageMoveTask: moves this dead-letter queue's messages back to their sources, or to a queue of your choice. */
export function StartRedriveModal({ name, arn, fifo, onClose, onStarted }: StartRedriveModalProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queues = useQuery(trpc.sqs.listQueueSummaries.queryOptions());
  const [destination, setDestination] = useState<"source" | "custom">("source");
  const [destinationArn, setDestinationArn] = useState("");
  const [velocity, setVelocity] = useState<"system" | "custom">("system");
  const [rate, setRate] = useState("100");
  const [showErrors, setShowErrors] = useState(false);

  const start = useMutation(
    trpc.sqs.startMessageMoveTask.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.sqs.listMessageMoveTasks.queryFilter());
        onStarted();
      },
    }),
  );

  const rateError = velocity === "custom" && !(/^\d+$/.test(rate.trim()) && Number(rate) >= 1 && Number(rate) <= 500) ? "Enter a whole number from 1 to 500." : undefined;
  const destinationError = destination === "custom" && !destinationArn ? "Choose a destination queue." : undefined;
  const choices = (queues.data ?? []).filter((q) => q.arn !== arn && (q.type === "FIFO") === fifo);

  function submit() {
    setShowErrors(true);
    if (rateError || destinationError) return;
    start.mutate({
      SourceArn: arn,
      DestinationArn: destination === "custom" ? destinationArn : undefined,
      MaxNumberOfMessagesPerSecond: velocity === "custom" ? Number(rate) : undefined,
    });
  }

  return (
    <Modal
      open
      title="Start DLQ redrive"
      onClose={onClose}
      footer={
        <>
          <Button variant="link" onClick={onClose}>
            Cancel
          </Button>
          <Button variant="primary" loading={start.isPending} onClick={submit}>
            DLQ redrive
          </Button>
        </>
      }
    >
      <p>
        Move the messages in <strong>{name}</strong> to another queue. Messages arrive as new messages: their receive count starts again at zero.
      </p>
      <RadioGroup
        legend="Redrive destination"
        name="redrive-destination"
        value={destination}
        onChange={setDestination}
        options={[
          { value: "source", label: "Redrive to source queue(s)", description: "Each message goes back to the queue it came from." },
          { value: "custom", label: "Redrive to custom destination", description: "All messages go to one queue you choose." },
        ]}
      />
      {destination === "custom" && (
        <FormField label="Destination queue" error={showErrors ? destinationError : undefined}>
          {(control) => (
            <select {...control} className="select" value={destinationArn} onChange={(e) => setDestinationArn(e.target.value)}>
              <option value="">Choose a queue</option>
              {choices.map((q) => (
                <option key={q.arn} value={q.arn}>
                  {q.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <RadioGroup
        legend="Velocity control settings"
        name="redrive-velocity"
        value={velocity}
        onChange={setVelocity}
        options={[
          { value: "system", label: "System optimized", description: "Move messages as fast as the service allows." },
          { value: "custom", label: "Custom max velocity", description: "Limit how many messages move each second." },
        ]}
      />
      {velocity === "custom" && (
        <FormField label="Maximum messages per second" description="From 1 to 500." error={showErrors ? rateError : undefined}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={rate} onChange={(e) => setRate(e.target.value)} />}
        </FormField>
      )}
      {start.isError && <Alert type="error" title="Couldn't start the redrive">{errorMessage(start.error)}</Alert>}
    </Modal>
  );
}
