import { FormField } from "./FormField";

/** What a message to a FIFO queue or topic carries besides its body. */
export interface FifoIds {
  groupId: string;
  /** Optional where content-based deduplication is on. */
  dedupId: string;
}

export const NO_FIFO_IDS: FifoIds = { groupId: "", dedupId: "" };

/** Group and deduplication IDs: 1 to 128 printable ASCII characters, no spaces. */
const TOKEN = /^[\x21-\x7E]{1,128}$/;
const TOKEN_RULE = "Up to 128 characters: letters, digits and punctuation, no spaces.";

interface FifoTarget {
  fifo: boolean;
  contentDedup: boolean;
  /** What the message goes to, in the messages: "queue", "topic". */
  noun: string;
}

/** Problems with the IDs; none for a standard queue or topic, which ignores them. */
export function fifoIdErrors(ids: FifoIds, { fifo, contentDedup, noun }: FifoTarget): Partial<FifoIds> {
  if (!fifo) return {};
  return {
    groupId: TOKEN.test(ids.groupId) ? undefined : ids.groupId ? TOKEN_RULE : `Enter a message group ID: FIFO ${noun}s need one.`,
    dedupId: ids.dedupId ? (TOKEN.test(ids.dedupId) ? undefined : TOKEN_RULE) : contentDedup ? undefined : `Enter a deduplication ID: this ${noun} has no content-based deduplication.`,
  };
}

interface FifoMessageFieldsProps {
  ids: FifoIds;
  errors: Partial<FifoIds>;
  contentDedup: boolean;
  /** How the message goes out, in the deduplication hint: "sent", "published". */
  verb: string;
  onChange: (ids: FifoIds) => void;
}

/** The message group and deduplication ID inputs of a FIFO queue's or topic's send form. */
export function FifoMessageFields({ ids, errors, contentDedup, verb, onChange }: FifoMessageFieldsProps) {
  return (
    <div className="form-grid">
      <FormField label="Message group ID" description="Messages with the same group ID are delivered in order." error={errors.groupId}>
        {(control) => <input {...control} className="input" value={ids.groupId} autoComplete="off" onChange={(e) => onChange({ ...ids, groupId: e.target.value })} />}
      </FormField>
      <FormField
        label="Message deduplication ID"
        description={contentDedup ? "Optional: content-based deduplication uses a hash of the body when empty." : `Messages with the same ID ${verb} within 5 minutes are delivered once.`}
        error={errors.dedupId}
      >
        {(control) => <input {...control} className="input" value={ids.dedupId} autoComplete="off" onChange={(e) => onChange({ ...ids, dedupId: e.target.value })} />}
      </FormField>
    </div>
  );
}
