/** The store's clock: S3's HTTP dates have second precision, so store what a client can read back. */
export function nowToTheSecond(): Date {
  return new Date(Math.floor(Date.now() / 1000) * 1000);
}
