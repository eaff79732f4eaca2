// `npm run sandbox`: the same start as `npm start`, as a training sandbox (README, "Training
// sandbox"). A script rather than `SANDBOX=true npm start`, which a Windows shell does not run.
import { spawnSync } from 'node:child_process';

const windows = process.platform === 'win32';
const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['start'], {
  stdio: 'inherit',
  env: { ...process.env, SANDBOX: 'true' },
  shell: windows,
});
process.exit(result.status ?? 1);
