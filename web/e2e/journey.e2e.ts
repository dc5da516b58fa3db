import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

/**
 * The journey of a new user, in Debian's Chromium against the real suite (`./autodeploy test` starts it):
 * sign up → organization → add and analyze a local Git repository → project with a secret → deploy and
 * watch the log arrive live → a second release → roll back to the first, which serves again.
 * Screenshots of each stage land in web/target/e2e-artifacts/.
 */
const BASE = process.env.AUTODEPLOY_URL ?? 'http://localhost:8080';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARTIFACTS = join(import.meta.dirname, '..', 'target', 'e2e-artifacts');
const DEPLOY_TIMEOUT = 180_000;

let browser: Browser;
let page: Page;
let repo: string;
let shot = 0;

function git(...args: string[]) {
  execFileSync('git', ['-c', 'user.name=E2E', '-c', 'user.email=e2e@example.test', ...args], { cwd: repo, stdio: 'pipe' });
}

/** A dependency-free Node.js app whose build prints a line a second, so the log is seen arriving live. */
function writeRelease(version: string) {
  writeFileSync(join(repo, 'package.json'), JSON.stringify({
    name: 'e2e-hello', private: true, scripts: { build: 'node build.js', start: 'node server.js' },
  }, null, 2));
  writeFileSync(join(repo, 'build.js'), `
let step = 0;
const timer = setInterval(() => {
  step += 1;
  console.log('building step ' + step + ' of 4');
  if (step === 4) { clearInterval(timer); require('fs').writeFileSync('version.txt', '${version}'); }
}, 1000);
`);
  writeFileSync(join(repo, 'server.js'), `
const version = require('fs').readFileSync(__dirname + '/version.txt', 'utf8');
require('http').createServer((req, res) => res.end(version + ': key has ' + (process.env.API_KEY || '').length + ' chars'))
  .listen(process.env.PORT);
`);
  git('add', '-A');
  git('commit', '-qm', version);
}

async function screenshot(name: string) {
  shot += 1;
  await page.screenshot({ path: join(ARTIFACTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

async function deployFromProjectPage(projectName: string): Promise<string> {
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Deploy ${projectName}` });
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Start deployment' }).click();
  await page.waitForURL(/\/deployments\/[0-9a-f-]{36}$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** The deployment page's own badge (the first in the page; lineage and steps have badges of their own). */
function headerStatus(): Promise<string | null> {
  return page.evaluate(() => document.querySelector('main [aria-label^="status "]')?.getAttribute('aria-label') ?? null);
}

async function waitForStatus(deploymentId: string, status: string) {
  await page.getByText(`#${deploymentId.slice(0, 7)}`).first().waitFor();
  await page.waitForFunction(
    (expected) => document.querySelector('main [aria-label^="status "]')?.getAttribute('aria-label') === expected,
    `status ${status}`, { timeout: DEPLOY_TIMEOUT, polling: 250 });
}

async function appUrl(deploymentId: string): Promise<string> {
  const token = await page.evaluate(() => JSON.parse(localStorage.getItem('autodeploy.session') ?? '{}').accessToken as string);
  const response = await fetch(`${BASE}/api/v1/deployments/${deploymentId}`, { headers: { Authorization: `Bearer ${token}` } });
  const deployment = await response.json() as { url?: string };
  expect(deployment.url, 'a ready deployment has a URL').toBeTruthy();
  return deployment.url!;
}

beforeAll(async () => {
  rmSync(ARTIFACTS, { recursive: true, force: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  repo = mkdtempSync(join(tmpdir(), 'autodeploy-e2e-'));
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  writeRelease('v1');
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // root in CI containers has no user namespace for Chromium's sandbox
    args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
  });
  page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.setDefaultTimeout(30_000);
});

// A failed step leaves a picture of where it stopped.
afterEach(async (context) => {
  if (context.task.result?.state === 'fail' && page) await screenshot(`failed-${context.task.name.replace(/\W+/g, '-')}`);
});

afterAll(async () => {
  await browser?.close();
  if (repo) rmSync(repo, { recursive: true, force: true });
});

describe('a new user in the browser', () => {
  const unique = `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  const email = `e2e-${unique}@example.test`;
  const projectName = `e2e-hello-${unique}`.slice(0, 40);
  let projectPath = '';
  let first = '';
  let second = '';

  it('signs up and creates an organization', async () => {
    await page.goto(`${BASE}/`);
    await page.waitForURL(/\/login/);
    await page.getByRole('link', { name: 'Create an account' }).click();
    await page.getByLabel('Name').fill('E2E Alice');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a-long-e2e-password');
    await screenshot('signup');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/organizations\/new/);
    await page.getByLabel('Organization name').fill(`E2E ${unique}`);
    await page.getByRole('button', { name: 'Create organization' }).click();
    await page.waitForURL(`${BASE}/`);
    await screenshot('overview-new-organization');
  });

  it('adds a local Git repository and sees its analysis', async () => {
    await page.goto(`${BASE}/repositories/new`);
    await page.getByLabel('Git URL').fill(`file://${repo}`);
    await page.getByRole('button', { name: 'Add repository' }).click();
    await page.waitForURL(/\/repositories\/[0-9a-f-]{36}$/);
    const createProject = page.getByRole('link', { name: 'Create project' });
    await createProject.waitFor({ timeout: 90_000 });
    // what the analyzer found: a Node.js app built and started by its package.json scripts
    await page.getByText('Node.js').first().waitFor();
    await page.getByText('npm run build').first().waitFor();
    await page.getByText('npm run start').first().waitFor();
    await screenshot('analysis');
    await createProject.click();
  });

  it('creates a project with a secret variable', async () => {
    await page.waitForURL(/\/projects\/new\?repositoryId=/);
    await page.getByLabel('Project name').fill(projectName);
    await page.getByRole('button', { name: 'Create project' }).click();
    await page.waitForURL(/\/projects\/[0-9a-f-]{36}$/);
    projectPath = new URL(page.url()).pathname;
    await page.getByRole('link', { name: 'Variables' }).click();
    await page.getByRole('button', { name: 'Add variable' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Key').fill('API_KEY');
    await dialog.getByLabel('Value').fill('sk-live-0123456789');
    await dialog.getByLabel('Secret').check();
    await dialog.getByRole('button', { name: 'Save variable' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('cell', { name: 'API_KEY' }).first().waitFor();
    expect(await page.content(), 'the secret value never reaches the page').not.toContain('sk-live-0123456789');
    await screenshot('variables');
  });

  it('deploys and watches the build log arrive while it runs', async () => {
    first = await deployFromProjectPage(projectName);
    const log = page.getByRole('log', { name: 'Deployment log' });
    await log.getByText(/building step 1 of 4/).waitFor({ timeout: DEPLOY_TIMEOUT });
    expect(await headerStatus(), 'a line of the build was shown before the deployment finished').not.toBe('status ready');
    await screenshot('deployment-live-log');
    await waitForStatus(first, 'ready');
    await log.getByText(/building step 4 of 4/).waitFor();
    const served = await (await fetch(await appUrl(first))).text();
    expect(served).toBe('v1: key has 18 chars');
    await screenshot('deployment-ready');
  });

  it('deploys a second release, then rolls back to the first', async () => {
    writeRelease('v2');
    await page.goto(`${BASE}${projectPath}`);
    second = await deployFromProjectPage(projectName);
    await waitForStatus(second, 'ready');
    const url = await appUrl(second);
    expect(await (await fetch(url)).text()).toBe('v2: key has 18 chars');

    await page.goto(`${BASE}/deployments/${first}`);
    await page.getByRole('button', { name: 'Roll back', exact: true }).click();
    await screenshot('rollback-confirmation');
    await page.getByRole('alertdialog').getByRole('button', { name: 'Roll back', exact: true }).click();
    await page.waitForURL((u) => /\/deployments\/[0-9a-f-]{36}$/.test(u.pathname) && !u.pathname.endsWith(first));
    const rollback = new URL(page.url()).pathname.split('/').pop()!;
    await waitForStatus(rollback, 'ready');
    await page.getByRole('link', { name: 'Parent deployment' }).waitFor();
    expect(await (await fetch(await appUrl(rollback))).text()).toBe('v1: key has 18 chars');
    await screenshot('rolled-back');
  });

  it('lists the history with its lineage and works at a phone width', async () => {
    await page.goto(`${BASE}/deployments`);
    for (const id of [first, second]) await page.locator(`main a[href="/deployments/${id}"]`).first().waitFor();
    const rows = await page.getByRole('main').getByRole('row').allInnerTexts();
    expect(rows.filter((row) => /rollback/i.test(row)), 'the rollback is in the history').toHaveLength(1);
    await screenshot('deployments-list');
    await page.setViewportSize({ width: 375, height: 740 });
    await page.goto(`${BASE}/deployments/${second}`);
    await waitForStatus(second, 'ready');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'nothing wider than the phone screen').toBeLessThanOrEqual(1);
    await screenshot('deployment-phone');
    await page.getByRole('button', { name: 'Open navigation' }).click();
    await page.getByRole('link', { name: 'Monitoring' }).click();
    await page.waitForURL(/\/monitoring/);
    // the monitor probes the live deployment of the project's production environment
    await page.getByRole('main').getByText(projectName).first().waitFor({ timeout: 60_000 });
    await screenshot('monitoring-phone');
    // the metrics page and its charts load on first visit
    await page.getByRole('link', { name: 'Metrics', exact: true }).click();
    await page.getByText('Deployment frequency').first().waitFor({ timeout: 60_000 });
    await screenshot('metrics-phone');
  });
});
