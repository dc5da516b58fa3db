// Installs web/'s npm dependencies exactly as package-lock.json pins them (`npm ci`), but only when the lock
// changed since the last install: `npm ci` wipes node_modules, and every Maven build would pay for that.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19)) {
  console.error(`web: Node.js ${process.versions.node} is too old; Vite needs 20.19 or newer (apt-get install nodejs, or nvm).`);
  process.exit(1);
}

const lock = readFileSync('package-lock.json');
const hash = createHash('sha256').update(lock).update(process.versions.node).digest('hex');
const stamp = 'node_modules/.autodeploy-lock-sha256';
if (existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) {
  console.log('web: node_modules matches package-lock.json');
} else {
  console.log('web: npm ci ...');
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { stdio: 'inherit' });
  writeFileSync(stamp, hash);
}
