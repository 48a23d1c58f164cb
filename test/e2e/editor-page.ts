import type { Browser, FrameLocator, Page } from 'playwright-core';
import type { AppProcess } from '../support/app-process';

/** Driving the Editor tool in Chromium the way a person does: keyboard into Monaco, buttons, the preview frame. */
export interface EditorPage {
  page: Page;
  frame: FrameLocator;
  errors: string[];
  /** Replaces the whole source as one edit (like a paste), so auto-closing does not rewrite it. */
  replaceSource(text: string): Promise<void>;
  /** Puts the cursor at the end of a 1-based line. */
  cursorToLineEnd(line: number): Promise<void>;
  frameText(): Promise<string>;
  editorText(): Promise<string>;
}

export async function openEditor(browser: Browser, app: AppProcess): Promise<EditorPage> {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(app.url);
  // First run shows the welcome screen; later runs go straight to the tools.
  const start = page.getByRole('button', { name: 'Open the starter template' });
  const editorRegion = page.getByRole('region', { name: 'Template source' });
  await start.or(editorRegion).first().waitFor({ timeout: 20_000 });
  if (await start.count()) await start.click();
  await editorRegion.locator('.monaco-editor .view-lines').waitFor({ state: 'attached', timeout: 20_000 });
  const frame = page.frameLocator('iframe[title="Email preview"]');
  const editor: EditorPage = {
    page,
    frame,
    errors,
    async replaceSource(text) {
      await editorRegion.locator('.view-lines').click();
      await page.keyboard.press('Control+A');
      await page.keyboard.insertText(text);
    },
    async cursorToLineEnd(line) {
      await editorRegion.locator('.view-lines').click();
      await page.keyboard.press('Control+Home');
      for (let index = 1; index < line; index++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('End');
    },
    frameText: () => frame.locator('body').innerText({ timeout: 10_000 }),
    editorText: () => editorRegion.locator('.view-lines').innerText(),
  };
  return editor;
}
