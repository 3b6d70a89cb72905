/** The in-process OpenID provider of the test suites; see `TestIdp` in `@gw/testing`. */
export {
  IDP_DEFAULT_PASSWORD,
  TestIdp,
  type IdpAccount,
  type IdpAccountInput,
  type IdpClient,
} from '@gw/testing';
