import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { iconGlyph, iconNamesUsed, loadFont, SUBSET_FONT } from './icon-subset';

describe('the icon subset font', () => {
  it('finds icon names in each form they are written in, and not in specs or bindings', () => {
    const src = mkdtempSync(path.join(os.tmpdir(), 'unit-hall-icons-'));
    try {
      mkdirSync(path.join(src, 'app'));
      writeFileSync(
        path.join(src, 'app', 'page.html'),
        '<mat-icon matPrefix>search</mat-icon>\n<app-stat-card icon="pending_actions" />\n<mat-icon>{{ item.icon }}</mat-icon>',
      );
      writeFileSync(path.join(src, 'app', 'nav.ts'), "export const NAV = [{ id: 'home', path: '/home', icon: 'home', roles: ['unit_admin'] }];");
      writeFileSync(
        path.join(src, 'app', 'notice.ts'),
        "const ICONS = { success: 'check_circle', warning: 'warning' } as const;\nconst template = `<mat-icon>cloud_off</mat-icon>`;",
      );
      writeFileSync(path.join(src, 'app', 'page.spec.ts'), '<mat-icon>pets</mat-icon>');
      expect([...iconNamesUsed(src).keys()]).toEqual(['check_circle', 'cloud_off', 'home', 'pending_actions', 'search', 'warning']);
      expect(iconNamesUsed(src).get('home')).toEqual([path.join('app', 'nav.ts')]);
    } finally {
      rmSync(src, { recursive: true, force: true });
    }
  });

  it('has every icon the client uses as its own glyph, drawn', async () => {
    const font = await loadFont(readFileSync(SUBSET_FONT));
    const used = [...iconNamesUsed().keys()];
    // Written in the shell's navigation, a notice's kinds, a home page's stat cards and a search field.
    expect(used).toEqual(jasmine.arrayContaining(['home', 'check_circle', 'pending_actions', 'search']));
    for (const name of used) {
      const glyph = iconGlyph(font, name);
      expect(glyph).withContext(`${name}: run npm run build (or scripts/icon-subset.ts) and commit the font`).not.toBeNull();
      if (glyph !== null) expect(font.glyphToPath(glyph)).withContext(name).not.toBe('');
    }
  });

  it('leaves out the icons the client does not use', async () => {
    const font = await loadFont(readFileSync(SUBSET_FONT));
    for (const name of ['pets', 'hotel', 'rocket_launch']) expect(iconGlyph(font, name)).withContext(name).toBeNull();
    expect(readFileSync(SUBSET_FONT).length).toBeLessThan(50 * 1024);
  });
});
