// Takes the README's screenshots from the release bundle: docs/screenshot.png (desktop, light,
// Lukashenko selected) and docs/screenshot-phone-dark.png. Run after scripts/build:
//   node scripts/screenshot.mjs
import { start, openExplorer } from "../e2e/support.mjs";

const app = await start();
try {
  const shots = [
    { file: "docs/screenshot.png", viewport: { width: 1280, height: 860 }, colorScheme: "light" },
    { file: "docs/screenshot-phone-dark.png", viewport: { width: 390, height: 844 }, colorScheme: "dark" },
  ];
  for (const { file, viewport, colorScheme } of shots) {
    const { page, explorer, context } = await openExplorer(app, { viewport, colorScheme });
    await explorer.ready();
    await explorer.entity("alexander-lukashenko").click();
    await explorer.details.locator(".fl-details__body").waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.mouse.move(0, 0);
    await page.screenshot({ path: file });
    await context.close();
    console.log(`wrote ${file}`);
  }
} finally {
  await app.stop();
}
