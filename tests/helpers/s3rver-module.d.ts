// s3rver 3.7.1 ships no types: the tests start it untyped (tests/helpers/s3.ts).
declare module 's3rver' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const S3rver: any;
  export default S3rver;
}
