// The code an authenticator app would show now for a TOTP secret (base32, as enrollTotp returns it):
//   npm run totp -- <secret>
// For trying the demo's second factor without a phone (README, Try it); it runs nowhere else.
import { base32Decode, totpCode, TOTP_PERIOD_SECONDS } from '@app/core';

const secret = process.argv[2];
if (!secret || !/^[A-Za-z2-7\s=]+$/.test(secret)) {
  process.stderr.write('usage: npm run totp -- <base32 secret from enrollTotp>\n');
  process.exit(2);
}
const now = new Date();
const left = TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS);
process.stdout.write(`${totpCode(base32Decode(secret), now)}\n`);
process.stderr.write(`(valid for ${left} more seconds, and the next 30; each code signs in once)\n`);
