/** The hosted UI's pages, rendered from what the handlers decided (every value echoed is escaped by html.ts). */
import { PASSWORD_FIELD } from "./fields";
import { button, type Content, element, type Field, hidden, input, join, link, message, page } from "./html";

/** What every page of one authorization request shares. */
export interface PageFrame {
  poolId: string;
  poolName: string;
  /** The authorization request's parameters, kept on every link and form. */
  query: string;
  csrf: string;
  error?: string;
  notice?: string;
}

export type HostedPageName = "login" | "signup" | "confirm" | "forgotPassword" | "confirmForgotPassword" | "newPassword" | "mfa";

/** A hosted UI page of the pool, for the same authorization request (paths are relative to the gateway). */
export function pagePath(poolId: string, name: HostedPageName, query: string, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return `/${poolId}/${name}?${params.toString()}`;
}

const heading = (title: string, sub?: string) => join(element("h1", {}, title), sub !== undefined && element("p", { class: "sub" }, sub));

function form(frame: PageFrame, action: HostedPageName, ...content: Content[]) {
  return element("form", { method: "post", action: pagePath(frame.poolId, action, frame.query) }, hidden("_csrf", frame.csrf), ...content);
}

const newPassword = input({ name: PASSWORD_FIELD, label: "New password", type: "password", autocomplete: "new-password" });

const messages = (frame: PageFrame) => join(message("error", frame.error), message("notice", frame.notice));

const render = (frame: PageFrame, title: string, sub: string | undefined, ...content: Content[]) =>
  page(title, frame.poolName, heading(title, sub), messages(frame), ...content);

export interface LoginOptions {
  username: Field;
  signUpAllowed: boolean;
  /** Whether the app client lets users sign in with the pool's own passwords. */
  passwordSignIn: boolean;
  /** The identity providers the app client offers, each with its way to sign in. */
  providers: { name: string; href: string }[];
}

export function loginPage(frame: PageFrame, opts: LoginOptions): string {
  const providers = opts.providers.length > 0 && element("div", { class: "providers" }, ...opts.providers.map((p) => element("a", { class: "idp", href: p.href }, `Sign in with ${p.name}`)));
  if (!opts.passwordSignIn) return render(frame, "Sign in", "Sign in with your corporate ID", providers);
  return render(
    frame,
    "Sign in",
    `Sign in with your ${opts.username.label.toLowerCase()} and password`,
    providers,
    providers && element("p", { class: "or" }, "or"),
    form(frame, "login", input(opts.username), input({ name: PASSWORD_FIELD, label: "Password", type: "password", autocomplete: "current-password" }), button("Sign in")),
    element(
      "div",
      { class: "links" },
      link(pagePath(frame.poolId, "forgotPassword", frame.query), "Forgot your password?"),
      opts.signUpAllowed && link(pagePath(frame.poolId, "signup", frame.query), "Need an account? Sign up"),
    ),
  );
}

export function signUpPage(frame: PageFrame, fields: Field[]): string {
  return render(
    frame,
    "Sign up",
    "Sign up with a new account",
    form(frame, "signup", ...fields.map(input), button("Sign up")),
    element("div", { class: "links" }, link(pagePath(frame.poolId, "login", frame.query), "Already have an account? Sign in")),
  );
}

/** `pending` is the sealed sign-in that confirming completes (after a sign-up or a sign-in of an unconfirmed user). */
export function confirmPage(frame: PageFrame, opts: { username: string; destination?: string; pending?: string }): string {
  return render(
    frame,
    "Confirm your account",
    opts.destination ? `We have sent a code to ${opts.destination}. Enter it below to confirm your account.` : "Enter the code we sent you to confirm your account.",
    form(
      frame,
      "confirm",
      hidden("username", opts.username),
      opts.pending !== undefined && hidden("pending", opts.pending),
      input({ name: "code", label: "Verification code", autocomplete: "one-time-code" }),
      button("Confirm account"),
      button("Resend code", "resend", true),
    ),
  );
}

export function forgotPasswordPage(frame: PageFrame, username: Field): string {
  return render(
    frame,
    "Forgot your password?",
    `Enter your ${username.label.toLowerCase()} below and we will send a message to reset your password`,
    form(frame, "forgotPassword", input(username), button("Reset my password")),
    element("div", { class: "links" }, link(pagePath(frame.poolId, "login", frame.query), "Back to sign in")),
  );
}

export function resetPasswordPage(frame: PageFrame, opts: { username: string; destination?: string }): string {
  return render(
    frame,
    "Reset your password",
    opts.destination ? `We have sent a password reset code to ${opts.destination}. Enter it below to reset your password.` : "Enter the password reset code we sent you.",
    form(
      frame,
      "confirmForgotPassword",
      hidden("username", opts.username),
      input({ name: "code", label: "Code", autocomplete: "one-time-code" }),
      newPassword,
      button("Change password"),
    ),
  );
}

/** A temporary password must be replaced (NEW_PASSWORD_REQUIRED), with any required attribute the user lacks. */
export function newPasswordPage(frame: PageFrame, opts: { session: string; missing: Field[] }): string {
  return render(
    frame,
    "Change password",
    "Please enter a new password.",
    form(
      frame,
      "newPassword",
      hidden("session", opts.session),
      newPassword,
      ...opts.missing.map(input),
      button("Send"),
    ),
  );
}

/** `step` is the sealed MFA step the form carries. */
const codeForm = (frame: PageFrame, step: string, submit: string, ...content: Content[]) =>
  form(frame, "mfa", hidden("step", step), ...content, input({ name: "code", label: "Code", autocomplete: "one-time-code" }), button(submit));

/** The second factor: the code from an authenticator app, or the one sent by SMS to `destination` (masked). */
export function mfaPage(frame: PageFrame, opts: { step: string; destination?: string }): string {
  const sub =
    opts.destination === undefined
      ? "Enter the code from your authenticator app."
      : `We have delivered the authentication code by SMS to ${opts.destination}. Please enter the code to complete authentication.`;
  return render(frame, "Multi-factor authentication", sub, codeForm(frame, opts.step, "Sign in"));
}

/** MFA is required and the user has no factor yet: a new authenticator's secret (and its otpauth:// URI), then its first code. */
export function mfaSetupPage(frame: PageFrame, opts: { step: string; secret: string; uri: string }): string {
  return render(
    frame,
    "Set up multi-factor authentication",
    "Add this account to your authenticator app with the secret key below, then enter the code the app shows.",
    codeForm(
      frame,
      opts.step,
      "Verify and sign in",
      element("p", { class: "label" }, "Secret key"),
      element("p", { class: "secret" }, opts.secret),
      element("p", { class: "label" }, "Setup URI"),
      element("p", { class: "secret" }, opts.uri),
      element("p", { class: "sub" }, "No QR code is shown: type the key into the app, or open the URI on a device that has one."),
    ),
  );
}

export function errorPage(poolName: string, detail: string): string {
  return page("Error", poolName, heading("An error was encountered with the requested page."), message("error", detail));
}
