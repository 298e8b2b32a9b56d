import type { LoadedStream } from "../../use-stream";
import { LiveViewer } from "./LiveViewer";
import { PutRecordForm } from "./PutRecordForm";

/** Writing records and watching them arrive, side by side on one tab. */
export function DataViewerTab({ stream, canPut }: { stream: LoadedStream; canPut: boolean }) {
  return (
    <div className="stack-lg">
      <PutRecordForm stream={stream} canPut={canPut} />
      <LiveViewer stream={stream} />
    </div>
  );
}
