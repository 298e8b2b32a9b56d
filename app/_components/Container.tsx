import { useId, type ReactNode } from "react";
import { Header } from "./Header";

interface ContainerProps {
  title: string;
  counter?: number;
  description?: ReactNode;
  info?: ReactNode;
  actions?: ReactNode;
  /** Tables run edge to edge; forms and text get padding. */
  flush?: boolean;
  children: ReactNode;
}

/** A titled white panel, the console's basic building block. */
export function Container({ title, counter, description, info, actions, flush = false, children }: ContainerProps) {
  const headingId = useId();
  return (
    <section className="container" aria-labelledby={headingId}>
      <Header variant="container" id={headingId} title={title} counter={counter} description={description} info={info} actions={actions} />
      <div className={flush ? "container-body container-body-flush" : "container-body"}>{children}</div>
    </section>
  );
}
