import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { benchCardsDir, repoRoot, tempDir } from "@poke-ventory/testing";
import { embeddedEnv, startEmbedded } from "./support/embedded-app";
import { ManagedProcess, freePort, waitUntil } from "./support/processes";
import { benchLabels, type BenchLabel } from "./support/api-client";

/**
 * The collector's web app (issue 22) in real Chromium (Debian's package, headless) against the embedded app:
 * sign-up → upload a real scan → review and validate → collection → master-set progress, a binder page, a refused
 * file, a CSV round trip, a phone viewport, screenshots under reports/web and an axe-core check on every screen.
 */
const CHROMIUM = "/usr/bin/chromium";
const shots = path.join(repoRoot, "reports/web");
const labels = benchLabels(benchCardsDir);
// Chosen at run time from the labels: a single-card scan and a binder page with several cards.
const scan = labels.find((l) => l.kind === "scan" && l.card_id) as BenchLabel & { set: string; number: string };
// Another card for the unsure case: the same bytes sent again would be answered as a duplicate (nothing new to review).
const otherScan = labels.find((l) => l.kind === "scan" && l.card_id && l.card_id !== scan.card_id && l.file !== scan.file)!;
const binder = labels.find((l) => l.kind === "binder" && (l.cards?.length ?? 0) >= 2)!;
const axeSource = readFileSync(path.join(repoRoot, "node_modules/axe-core/axe.min.js"), "utf8");
const email = `web-${Date.now().toString(36)}@example.com`;
const password = "correct horse battery";

let app: ManagedProcess;
let data: ReturnType<typeof tempDir>;
let context: BrowserContext;
let page: Page;
let base = "";

beforeAll(async () => {
  if (!existsSync(path.join(repoRoot, "apps/web/dist/index.html"))) throw new Error("apps/web/dist is missing: run npm run build");
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: run npm run setup (apt-get install chromium)`);
  mkdirSync(shots, { recursive: true });
  data = tempDir("pv-web-");
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  app = startEmbedded(embeddedEnv(data.dir, port));
  await waitUntil("the embedded app ready", async () => (await fetch(`${base}/ready`)).status === 200, 240_000, [app]);
  context = await chromium.launchPersistentContext(path.join(data.dir, "chromium-profile"), {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
    locale: "en-US",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  page = context.pages()[0] ?? (await context.newPage());
}, 300_000);

afterAll(async () => {
  await context?.close();
  await app?.stop();
  data?.remove();
});

/** No serious or critical axe-core violation on the page as it is (axe injected from the npm package, no CDN). */
async function axe(p: Page, screen: string): Promise<void> {
  await p.evaluate(axeSource);
  const violations = await p.evaluate(async () => {
    // Runs in the page (the test's tsconfig has no DOM lib): window.axe and document through globalThis.
    const w = globalThis as unknown as { axe: { run: (ctx: unknown) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> }; document: unknown };
    const r = await w.axe.run(w.document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")).slice(0, 3) }));
  });
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad, `${screen}: ${JSON.stringify(bad)}`).toEqual([]);
}

/** The page's scroll width (a layout wider than the viewport scrolls sideways). */
const pageWidth = () => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth;

async function shot(p: Page, name: string): Promise<void> {
  await p.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

async function uploadAndWait(file: string, name: string): Promise<{ state: string; cards: number }> {
  await page.goto(`${base}/#/upload`);
  await page.setInputFiles("#files", { name, mimeType: "image/jpeg", buffer: readFileSync(file) });
  const item = page.locator("[data-testid=upload-item]", { hasText: name }).first();
  await item.locator("[data-testid=upload-cards], [data-testid=upload-reason]").first().waitFor({ timeout: 150_000 });
  await page.waitForFunction((n) => {
    interface El { textContent: string | null; querySelector(q: string): El | null }
    const doc = (globalThis as unknown as { document: { querySelectorAll(q: string): Iterable<El> } }).document;
    const li = [...doc.querySelectorAll("[data-testid=upload-item]")].find((e) => e.textContent?.includes(n));
    const s = li?.querySelector("[data-testid=upload-state]")?.textContent ?? "";
    return /Analysed|Failed|Refused/.test(s);
  }, name, { timeout: 150_000 });
  const state = (await item.locator("[data-testid=upload-state]").textContent()) ?? "";
  const cardsText = (await item.locator("[data-testid=upload-cards]").textContent().catch(() => "0")) ?? "0";
  return { state: state.trim(), cards: Number.parseInt(cardsText, 10) || 0 };
}

describe("web app in Chromium", () => {
  it("serves the sign-in form to a visitor and signs a new collector up", async () => {
    await page.goto(base + "/");
    await page.waitForURL(/#\/signin$/);
    await expect.poll(() => page.locator("#email").isVisible()).toBe(true);
    await axe(page, "sign-in");
    await shot(page, "01-sign-in");
    await page.getByRole("button", { name: /Create one/ }).click();
    await page.fill("#email", email);
    await page.fill("#password", password);
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.waitForURL(/#\/upload$/);
    await page.reload();
    await page.waitForURL(/#\/upload$/); // tokens kept: a reload stays signed in
  });

  it("uploads a real scan and follows its analysis live", async () => {
    const r = await uploadAndWait(path.join(benchCardsDir, scan.file), "card-scan.jpg");
    expect(r.state).toBe("Analysed");
    expect(r.cards).toBeGreaterThanOrEqual(1);
    await axe(page, "upload");
    await shot(page, "02-upload");
  });

  it("reviews the card, picks the right one and validates it with Enter", async () => {
    await page.goto(`${base}/#/review`);
    const card = page.locator("[data-testid=review-card]");
    await card.waitFor();
    await page.locator("[data-testid=crop]").waitFor({ timeout: 30_000 });
    await axe(page, "review");
    await shot(page, "03-review");
    const radio = page.locator(`input[type=radio][value="${scan.card_id}"]`);
    if ((await radio.count()) === 0) {
      await page.locator("summary").click();
      await page.getByLabel("Set", { exact: true }).fill(scan.set);
      await page.getByLabel("Number", { exact: true }).fill(scan.number);
      await page.getByRole("button", { name: "Search", exact: true }).click();
      await radio.waitFor();
    }
    await radio.check();
    await page.getByLabel("Quantity").fill("2");
    await page.getByLabel("Quantity").press("Enter");
    await page.locator("[data-testid=review-empty]").waitFor();
  });

  it("shows the card in the collection and the set's progress with its missing cards", async () => {
    await page.goto(`${base}/#/collection`);
    const row = page.locator("[data-testid=collection-card]").first();
    await row.waitFor();
    expect(await row.textContent()).toContain(scan.name!);
    expect(await row.textContent()).toContain("×2");
    await axe(page, "collection");
    await shot(page, "04-collection");
    await page.goto(`${base}/#/master-sets`);
    const set = page.locator("[data-testid=master-set]", { hasText: `(${scan.set})` });
    await set.waitFor();
    expect(await set.locator("[data-testid=set-progress]").textContent()).toMatch(/^1 owned \/ \d+ tracked/);
    await set.getByRole("button", { name: "Show missing cards" }).click();
    await set.locator("ul.missing li").first().waitFor();
    expect(await set.locator("ul.missing").textContent()).not.toContain(`${scan.number} — ${scan.name} `);
    await axe(page, "master sets");
    await shot(page, "05-master-sets");
  });

  it("finds several cards on a binder page", async () => {
    const r = await uploadAndWait(path.join(benchCardsDir, binder.file), "binder-page.jpg");
    expect(r.state).toBe("Analysed");
    expect(r.cards).toBeGreaterThanOrEqual(2);
    await shot(page, "06-binder");
    await page.goto(`${base}/#/review`);
    await page.locator("[data-testid=review-card]").waitFor();
    expect(await page.locator("h1").textContent()).toMatch(new RegExp(`\\(${r.cards} to review\\)`));
  });

  it("preselects a candidate only when the draft is confident, refuses to validate an unsure card silently, then brings the next card", async () => {
    await page.goto(`${base}/#/review`);
    const radios = page.locator("input[type=radio][name=card]");
    let seenUnsure = false;
    for (let left = await page.locator("[data-testid=review-card]").count(); left > 0; ) {
      const title = await page.locator("h1").textContent();
      const unsure = (await page.locator("[data-testid=unsure]").count()) > 0;
      const checked = await radios.evaluateAll((els) => els.filter((e) => (e as unknown as { checked: boolean }).checked).length);
      expect(checked).toBe(unsure ? 0 : 1);
      if (unsure) {
        seenUnsure = true;
        await page.getByRole("button", { name: "Validate (Enter)" }).click();
        await expect.poll(() => page.getByRole("alert").textContent()).toContain("Pick a card first");
        expect(await page.locator("h1").textContent()).toBe(title); // still the same card
        await radios.first().check();
      }
      await page.getByLabel("Quantity").press("Enter");
      await expect.poll(() => page.locator("h1").textContent()).not.toBe(title);
      left = await page.locator("[data-testid=review-card]").count();
    }
    await page.locator("[data-testid=review-empty]").waitFor();
    console.log(`binder review: ${seenUnsure ? "an unsure card was flagged" : "every card was confident"}`);
  });

  it("shows why a file was refused (a text file named .jpg)", async () => {
    const fake = path.join(data.dir, "notes.jpg");
    writeFileSync(fake, "these are not the bytes of an image\n".repeat(20));
    await page.goto(`${base}/#/upload`);
    await page.setInputFiles("#files", fake);
    const item = page.locator("[data-testid=upload-item]", { hasText: "notes.jpg" });
    await item.locator("[data-testid=upload-reason]").waitFor();
    expect(await item.locator("[data-testid=upload-state]").textContent()).toContain("Refused");
    expect((await item.locator("[data-testid=upload-reason]").textContent())?.length).toBeGreaterThan(5);
    await axe(page, "upload refused");
    await shot(page, "07-refused");
  });

  it("exports the collection as CSV and imports it back", async () => {
    await page.goto(`${base}/#/csv`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export]").click()]);
    const file = path.join(data.dir, "export.csv");
    await download.saveAs(file);
    const csv = readFileSync(file, "utf8");
    expect(csv.split(/\r?\n/)[0]).toBe("set_code,number,name,language,quantity,condition,price_paid,acquired_at");
    expect(csv).toContain(`${scan.set},${scan.number},`);
    await page.setInputFiles("#csvfile", file);
    await page.locator("[data-testid=import-result]").waitFor();
    const rows = csv.trim().split(/\r?\n/).length - 1; // the scan's card and the binder's cards
    expect(rows).toBeGreaterThanOrEqual(3);
    expect(await page.locator("[data-testid=imported]").textContent()).toBe(String(rows));
    await axe(page, "csv");
    await shot(page, "08-csv");
  });

  it("flags a card the matcher is unsure of and never validates it without a choice", async () => {
    // The bench's cards are all matched with confidence, so the real review queue's answer is passed through with the
    // draft's confidence taken away (top_candidate_id null, as the API sends for an unsure card).
    const r = await uploadAndWait(path.join(benchCardsDir, otherScan.file), "another.jpg");
    expect(r.cards).toBe(1);
    await page.route("**/imports/drafts?*", async (route) => {
      const res = await route.fetch();
      const body = await res.json();
      for (const d of body.items) d.top_candidate_id = null;
      await route.fulfill({ response: res, json: body });
    });
    await page.goto(`${base}/#/review`);
    await page.locator("[data-testid=unsure]").waitFor();
    expect(await page.locator("input[type=radio][name=card]:checked").count()).toBe(0);
    await page.getByLabel("Quantity").press("Enter");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Pick a card first");
    await axe(page, "review unsure");
    await shot(page, "09-review-unsure");
    await page.unroute("**/imports/drafts?*");
    // Once a card is picked (any candidate: the choice is the collector's), Enter validates it.
    await page.locator("input[type=radio][name=card]").first().check();
    await page.getByLabel("Quantity").press("Enter");
    await page.locator("[data-testid=review-empty]").waitFor();
  });

  it("fits a phone screen and switches to French", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/collection`);
    await page.getByLabel("Language").selectOption("fr");
    await expect.poll(() => page.locator("h1").textContent()).toContain("Collection");
    await expect.poll(() => page.getByRole("button", { name: "Se déconnecter" }).isVisible()).toBe(true);
    const width = await page.evaluate(pageWidth);
    expect(width).toBeLessThanOrEqual(390);
    await axe(page, "phone collection");
    await shot(page, "10-phone-collection");
    await page.goto(`${base}/#/master-sets`);
    await page.locator("[data-testid=master-set]").first().waitFor();
    expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
    await axe(page, "phone master sets");
    await shot(page, "11-phone-master-sets");
    await page.goto(`${base}/#/upload`);
    await page.locator("#files").waitFor({ state: "attached" });
    expect(await page.evaluate(pageWidth)).toBeLessThanOrEqual(390);
    await axe(page, "phone upload");
    await shot(page, "12-phone-upload");
    await page.reload();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("fr"); // remembered
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL(/#\/signin$/);
  });
});
