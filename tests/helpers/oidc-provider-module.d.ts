// oidc-provider 8 ships no types (@types/oidc-provider follows the 9.x line): the test provider uses it untyped.
declare module 'oidc-provider' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const Provider: any;
  export default Provider;
}
