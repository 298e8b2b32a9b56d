"use client";

import { useState } from "react";
import { Container } from "../../../../_components/Container";
import { KeyValue, KeyValueGrid } from "../../../../_components/KeyValue";
import { RadioGroup } from "../../../../_components/Tiles";
import { PasswordPolicyFields } from "../PasswordPolicyFields";
import { MFA_OPTIONS, mfaLabel, passwordPolicyErrors, passwordPolicyForm, passwordPolicyOf, passwordRules, signInLabel } from "../pool-settings";
import type { UserPool } from "../use-pool";
import { IdentityProvidersPanel } from "./IdentityProvidersPanel";
import { PoolSettingsModal, SettingsPanel } from "./PoolSettings";

/** How users sign in: their identifiers (fixed at creation), external identity providers, the password policy and MFA. */
export function SignInTab({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  const policy = pool.Policies.PasswordPolicy;
  return (
    <div className="stack-lg">
      <Container title="Cognito user pool sign-in options" description="What users type to sign in. Set when the pool was created.">
        <KeyValueGrid label="Sign-in options">
          <KeyValue label="Sign-in identifiers">{signInLabel(pool)}</KeyValue>
          <KeyValue label="User names">{pool.UsernameConfiguration.CaseSensitive ? "Case sensitive" : "Not case sensitive"}</KeyValue>
        </KeyValueGrid>
      </Container>
      <IdentityProvidersPanel pool={pool} canChange={canChange} />
      <SettingsPanel title="Password policy" canChange={canChange} editor={(close) => <PasswordPolicyModal pool={pool} onClose={close} />}>
        <KeyValueGrid label="Password policy">
          <KeyValue label="Password requirements">
            <ul className="plain-list">
              {passwordRules(policy).map((rule) => (
                <li key={rule}>{rule}</li>
              ))}
            </ul>
          </KeyValue>
          <KeyValue label="Temporary passwords expire after">
            {policy.TemporaryPasswordValidityDays} {policy.TemporaryPasswordValidityDays === 1 ? "day" : "days"}
          </KeyValue>
        </KeyValueGrid>
      </SettingsPanel>
      <SettingsPanel title="Multi-factor authentication" canChange={canChange} editor={(close) => <MfaModal pool={pool} onClose={close} />}>
        <KeyValueGrid label="Multi-factor authentication">
          <KeyValue label="MFA enforcement">{mfaLabel(pool.MfaConfiguration)}</KeyValue>
        </KeyValueGrid>
      </SettingsPanel>
    </div>
  );
}

function PasswordPolicyModal({ pool, onClose }: { pool: UserPool; onClose: () => void }) {
  const [form, setForm] = useState(passwordPolicyForm(pool.Policies.PasswordPolicy));
  const [submitted, setSubmitted] = useState(false);
  const errors = passwordPolicyErrors(form);
  return (
    <PoolSettingsModal
      pool={pool}
      title="Edit password policy"
      onClose={onClose}
      changes={() => {
        setSubmitted(true);
        return Object.values(errors).some(Boolean) ? null : { Policies: { ...pool.Policies, PasswordPolicy: passwordPolicyOf(form) } };
      }}
    >
      <PasswordPolicyFields form={form} onChange={setForm} errors={submitted ? errors : {}} />
    </PoolSettingsModal>
  );
}

function MfaModal({ pool, onClose }: { pool: UserPool; onClose: () => void }) {
  const [mfa, setMfa] = useState(pool.MfaConfiguration);
  return (
    <PoolSettingsModal pool={pool} title="Edit multi-factor authentication" onClose={onClose} changes={() => ({ MfaConfiguration: mfa })}>
      <RadioGroup legend="MFA enforcement" name="mfa" value={mfa} options={MFA_OPTIONS} onChange={setMfa} />
    </PoolSettingsModal>
  );
}
