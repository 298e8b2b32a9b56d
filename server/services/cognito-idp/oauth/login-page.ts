/**
 * The hosted UI's sign-in page: the identity providers the app client offers, and (unless the client
 * offers only those) the password form, where a correct password signs the user in or leads on to what
 * their account still needs.
 */
import { CognitoErrors } from "../errors";
import { poolSettings } from "../store";
import { allowsCognitoSignIn, providerLinks } from "./federation";
import { PASSWORD_FIELD, usernameField } from "./fields";
import type { HostedPage } from "./hosted-page";
import { loginPage as renderLogin } from "./pages";
import { askNewPassword, startPasswordReset } from "./password-pages";
import { passwordProven } from "./mfa-pages";
import { checkPassword } from "./sign-in";
import { confirmBeforeSignIn } from "./sign-up-pages";

export const loginPage: HostedPage = {
  async show(call, view, fields) {
    const signUpAllowed = !poolSettings(call.pool).AdminCreateUserConfig.AllowAdminCreateUserOnly;
    const providers = await providerLinks(call.db, call.request);
    const passwordSignIn = allowsCognitoSignIn(call.request.settings);
    return call.respond((frame) => renderLogin(frame, { username: usernameField(call.pool, fields.get("username")), signUpAllowed, passwordSignIn, providers }), view);
  },
  async submit(call, form) {
    if (!allowsCognitoSignIn(call.request.settings)) throw CognitoErrors.notAuthorized("The app client does not allow signing in with a username and password.");
    const username = form.get("username")?.trim() ?? "";
    const { user, next } = await checkPassword(call.db, call.pool, call.request.client, username, form.get(PASSWORD_FIELD) ?? "", call.req.sourceIp);
    switch (next) {
      case "signed-in":
        return passwordProven(call, user);
      case "confirm":
        return confirmBeforeSignIn(call, username, user);
      case "new-password":
        return askNewPassword(call, user);
      case "reset":
        return startPasswordReset(call, username, { status: 200, notice: "Your password must be reset. We have sent you a code to do so." });
    }
  },
};
