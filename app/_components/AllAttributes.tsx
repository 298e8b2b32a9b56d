import { Container } from "./Container";

interface AllAttributesProps {
  /** The call that reads them, named in the description: "GetQueueAttributes". */
  action: string;
  attributes: Readonly<Record<string, string | undefined>>;
}

/** Every attribute of a resource, by name, as the service's Get…Attributes call returns them. */
export function AllAttributes({ action, attributes }: AllAttributesProps) {
  return (
    <Container title="All attributes" description={`Every attribute as ${action} returns it.`} flush>
      <div className="table-scroll">
        <table className="table table-kv" aria-label="All attributes">
          <thead>
            <tr>
              <th scope="col">Attribute</th>
              <th scope="col">Value</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(attributes)
              .sort(([x], [y]) => x.localeCompare(y))
              .map(([key, value]) => (
                <tr key={key}>
                  <td>
                    <code className="break-all">{key}</code>
                  </td>
                  <td>
                    <code className="break-all">{value}</code>
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
    </Container>
  );
}
