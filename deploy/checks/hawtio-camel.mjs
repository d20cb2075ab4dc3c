// Manual evidence that Hawtio's Camel tab works behind the admin login with the Jolokia access policy: logs in,
// opens the Camel routes, stops and starts one route, and writes screenshots. Not part of ./mvnw verify (CI has no
// Chromium). How to run it: deploy/checks/README.md.
import puppeteer from 'puppeteer-core';

const base = process.env.BRIDGE_URL ?? 'http://localhost:8080';
const password = process.env.ADMIN_PASSWORD;
const route = process.env.ROUTE ?? 'processed-id-purge';
const out = process.env.OUT ?? '.';
if (!password) {
  throw new Error('set ADMIN_PASSWORD');
}

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  // Flags for a headless run as root on a machine without outside network access.
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const page = await browser.newPage();
try {
  await page.setViewport({ width: 1600, height: 1000 });
  await page.authenticate({ username: process.env.ADMIN_USER ?? 'admin', password });
  // Jolokia refusals show in the browser console; print them so a refused call Hawtio needs is seen.
  page.on('console', message => {
    if (['error', 'warning'].includes(message.type())) {
      console.log(`browser ${message.type()}: ${message.text()}`);
    }
  });

  await page.goto(`${base}/actuator/hawtio/camel`, { waitUntil: 'networkidle2' });
  await page.waitForFunction(name => document.body.innerText.includes(name), { timeout: 60000 }, route);
  await page.screenshot({ path: `${out}/hawtio-camel-tree.png` });
  // The context's "routes" folder opens the routes table: state and exchange statistics per route.
  const [routesFolder] = await page.$$(`xpath/.//*[normalize-space(text())='routes']`);
  await routesFolder.click();
  await rowOf(page, route);
  await page.screenshot({ path: `${out}/hawtio-camel-routes.png` });
  console.log('Camel tab lists the routes with their statistics');

  // A route left stopped by an earlier, interrupted run is started first.
  if ((await (await rowOf(page, route)).evaluate(tr => tr.innerText)).includes('Stopped')) {
    await setRouteState(page, route, 'Start', 'Started');
  }
  await setRouteState(page, route, 'Stop', 'Stopped');
  await page.screenshot({ path: `${out}/hawtio-camel-route-stopped.png` });
  await setRouteState(page, route, 'Start', 'Started');
  await page.screenshot({ path: `${out}/hawtio-camel-route-started.png` });
  console.log('stopped and started', route, 'from the Camel tab');
} catch (failure) {
  await page.screenshot({ path: `${out}/hawtio-failure.png` });
  throw failure;
} finally {
  await browser.close();
}

/** Ticks the route's row (only it) in the routes table, presses the button and waits for the row to show the state. */
async function setRouteState(page, name, button, state) {
  const checkbox = await (await rowOf(page, name)).$('input[type=checkbox]');
  if (!(await checkbox.evaluate(box => box.checked))) {
    await checkbox.click();
  }
  const action = await page.waitForSelector(`xpath/.//button[normalize-space(.)='${button}' and not(@disabled)]`,
    { timeout: 10000 });
  await action.click();
  await page.waitForFunction((routeName, wanted) => [...document.querySelectorAll('tr')]
      .some(tr => tr.innerText.includes(routeName) && tr.innerText.includes(wanted)),
    { timeout: 30000 }, name, state);
}

/** The routes table's row of the route, once the table shows it. */
async function rowOf(page, name) {
  const row = await page.waitForFunction(routeName => [...document.querySelectorAll('tr')]
      .find(tr => tr.innerText.includes(routeName)), { timeout: 30000 }, name);
  return row.asElement();
}
