"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../_components/Button";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { useTRPC } from "../../../../_trpc/client";
import { CheckboxGroup } from "../CheckboxGroup";
import { CustomAttributeModal } from "../CustomAttributeModal";
import { attributeLabel, VERIFIABLE_ATTRIBUTES } from "../pool-settings";
import { useRefreshCognito, type UserPool } from "../use-pool";
import { PoolSettingsModal, SettingsPanel, ToggleSettingPanel } from "./PoolSettings";

type SchemaAttribute = UserPool["SchemaAttributes"][number];

const verifiedLabel = (pool: UserPool) => pool.AutoVerifiedAttributes.map(attributeLabel).join(", ") || "None";

/** How users sign up: whether they may, what Cognito verifies, and the attributes they give. */
export function SignUpTab({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  const required = pool.SchemaAttributes.filter((a) => a.Required && a.Name !== "sub");
  return (
    <div className="stack-lg">
      <ToggleSettingPanel
        pool={pool}
        canChange={canChange}
        title="Self-service sign-up"
        setting="Self-registration"
        states={{ on: "Enabled", off: "Disabled" }}
        label="Enable self-registration: users sign up from your app (SignUp)"
        on={!pool.AdminCreateUserConfig.AllowAdminCreateUserOnly}
        changes={(on) => ({ AdminCreateUserConfig: { ...pool.AdminCreateUserConfig, AllowAdminCreateUserOnly: !on } })}
      />
      <SettingsPanel
        title="Attribute verification"
        description="Cognito sends a code to verify these when users sign up or change them."
        canChange={canChange}
        editor={(close) => <VerificationModal pool={pool} onClose={close} />}
      >
        <KeyValueGrid label="Attribute verification">
          <KeyValue label="Attributes to verify">{verifiedLabel(pool)}</KeyValue>
        </KeyValueGrid>
      </SettingsPanel>
      <Container title="Required attributes" description="Users must give these when they sign up or are created. Set when the pool was created.">
        {required.length > 0 ? (
          <ul className="plain-list">
            {required.map((a) => (
              <li key={a.Name}>{a.Name}</li>
            ))}
          </ul>
        ) : (
          <p className="text-secondary">No attributes are required.</p>
        )}
      </Container>
      <CustomAttributes pool={pool} canChange={canChange} />
    </div>
  );
}

function VerificationModal({ pool, onClose }: { pool: UserPool; onClose: () => void }) {
  const [verified, setVerified] = useState(pool.AutoVerifiedAttributes);
  return (
    <PoolSettingsModal pool={pool} title="Edit attribute verification" onClose={onClose} changes={() => ({ AutoVerifiedAttributes: verified })}>
      <CheckboxGroup legend="Attributes to verify" options={VERIFIABLE_ATTRIBUTES} value={verified} onChange={setVerified} />
    </PoolSettingsModal>
  );
}

const CUSTOM_COLUMNS: Column<SchemaAttribute>[] = [
  { header: "Name", cell: (a) => <code>{a.Name}</code> },
  { header: "Type", cell: (a) => a.AttributeDataType },
  { header: "Mutable", cell: (a) => (a.Mutable ? "Yes" : "No") },
];

/** The pool's custom attributes; more can be added (AddCustomAttributes), none removed. */
function CustomAttributes({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const [adding, setAdding] = useState(false);
  const custom = pool.SchemaAttributes.filter((a) => a.Name.startsWith("custom:"));
  const add = useMutation(
    trpc.cognito.addCustomAttributes.mutationOptions({
      async onSuccess() {
        await refresh();
        setAdding(false);
      },
    }),
  );
  return (
    <Container
      title="Custom attributes"
      counter={custom.length}
      description="Attributes of your own, named custom:name. They can't be removed once added."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setAdding(true)}>
          Add custom attribute
        </Button>
      }
    >
      <DataTable label="Custom attributes" columns={CUSTOM_COLUMNS} rows={custom} rowKey={(a) => a.Name} empty={<EmptyState title="No custom attributes" />} />
      {adding && (
        <CustomAttributeModal
          taken={pool.SchemaAttributes.map((a) => a.Name)}
          pending={add.isPending}
          error={add.error}
          onAdd={(attribute) => add.mutate({ UserPoolId: pool.Id, CustomAttributes: [attribute] })}
          onClose={() => {
            setAdding(false);
            add.reset();
          }}
        />
      )}
    </Container>
  );
}
