import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ACCENTS, CONTRAST_PAIRS, DEFAULT_ACCENT, accentOf, colourOf, contrastRatio } from '../../src/services/site-shape/palette.ts';

const ASSETS = path.resolve(import.meta.dirname, '../../public/assets');
/** WCAG 2.1 AA for normal text. */
const AA = 4.5;

/** The custom properties a rule of a stylesheet sets: selector → { --name: value }. */
function rules(css: string): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const match of css.replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const props = Object.fromEntries([...match[2]!.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim().toLowerCase()]));
    out.set(match[1]!.trim(), props);
  }
  return out;
}

describe('the accent palette', () => {
  it('measures contrast as WCAG does: black on white is 21:1, a colour on itself 1:1', () => {
    assert.equal(contrastRatio('#000000', '#ffffff'), 21);
    assert.equal(contrastRatio('#ffffff', '#000000'), 21);
    assert.equal(contrastRatio('#0b3d75', '#0b3d75'), 1);
    // WebAIM's checker gives 4.48:1 for #777777 on white: just under AA.
    assert.ok(Math.abs(contrastRatio('#777777', '#ffffff') - 4.48) < 0.01);
  });

  for (const accent of ACCENTS) {
    it(`${accent.name}: every text drawn with it keeps AA contrast (4,5:1)`, () => {
      const failures = CONTRAST_PAIRS.map((pair) => ({ ...pair, ratio: contrastRatio(colourOf(accent, pair.text), colourOf(accent, pair.background)) })).filter(
        (pair) => pair.ratio < AA,
      );
      assert.deepEqual(
        failures.map((f) => `${f.where}: ${f.ratio.toFixed(2)}:1`),
        [],
      );
    });
  }

  it('look.css sets exactly the palette colours, and site.css the default ones', () => {
    const look = rules(fs.readFileSync(path.join(ASSETS, 'look.css'), 'utf8'));
    for (const accent of ACCENTS) {
      assert.deepEqual(
        look.get(`[data-accent='${accent.key}']`),
        { '--red': accent.accent, '--blue': accent.deep, '--blue-dark': accent.deepHover },
        accent.key,
      );
    }
    const root = rules(fs.readFileSync(path.join(ASSETS, 'site.css'), 'utf8')).get(':root')!;
    const fallback = accentOf(DEFAULT_ACCENT);
    assert.deepEqual([root['--red'], root['--blue'], root['--blue-dark']], [fallback.accent, fallback.deep, fallback.deepHover]);
  });

  it('an unknown key (a colour since dropped) falls back on the default', () => {
    assert.equal(accentOf('hong-phan').key, DEFAULT_ACCENT);
    assert.equal(accentOf('xanh-la').key, 'xanh-la');
  });
});
