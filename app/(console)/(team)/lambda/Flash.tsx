import { Alert } from "../../../_components/Alert";
import { Icon } from "../../../_components/Icon";

/** A dismissible success message at the top of a page, shown while `message` is set. */
export function Flash({ message, onDismiss }: { message: string | null; onDismiss: () => void }) {
  if (message === null) return null;
  const dismiss = (
    <button type="button" className="icon-button" aria-label="Dismiss" onClick={onDismiss}>
      <Icon name="close" />
    </button>
  );
  return (
    <Alert type="success" action={dismiss}>
      {message}
    </Alert>
  );
}
