/**
 * Comments in src say why, for the reader; measurements and the story of what
 * was tried belong in bench/README.md, bench/http/README.md and commit
 * messages. This scans every comment in src and names each line that carries
 * a figure with a unit of time, rate or share, or a lab-notebook phrase.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** A figure: digits with the Vietnamese or English separators, or a range of them. */
const FIGURE = String.raw`\d[\d.,]*(?:\s*(?:-|–|to|→)\s*\d[\d.,]*)?`;

/** What makes a comment line a measurement or the story of an experiment. */
const MEASUREMENT_PATTERNS: ReadonlyArray<readonly [string, RegExp]> = [
  ['a duration', new RegExp(`${FIGURE}\\s*(?:ns|µs|μs|us|ms)\\b`, 'i')],
  ['a rate', new RegExp(`${FIGURE}\\s*(?:req/s|requests/s|rps|ops/s|docs/s|articles/s)`, 'i')],
  ['a percentage', new RegExp(`${FIGURE}\\s*%`)],
  [
    'a size compared',
    new RegExp(`^(?=.*${FIGURE}\\s*(?:KB|KiB|MB|MiB|GB|GiB)\\b)(?=.*\\b(?:against|instead of|grew|added|took|held|went from|times its)\\b)`, 'i'),
  ],
  ['seconds compared', new RegExp(`\\btook (?:about )?${FIGURE}\\s*s\\b|${FIGURE}\\s*s instead of`, 'i')],
  ['a before and after', /\d[\d.,]*\s*(?:→|->)\s*\d/],
  ['a speed-up', new RegExp(`${FIGURE}\\s*(?:times|×)\\s+(?:as (?:long|fast|slow)|faster|slower|less|more)`, 'i')],
  ['a share of the cost', /\b(?:half|a third|a quarter|a fifth|a sixth|a tenth) of (?:an? )?(?:\w+ ){0,3}(?:page's )?CPU\b/i],
  ['a lab notebook', /\b(?:we tried|i tried|was \d[\d.,]* before|measured on|on the benchmark's data|medians? of|alternating rounds|p9[59]|p50)\b/i],
];

interface Finding {
  file: string;
  line: number;
  what: string;
  text: string;
}

/** Every comment in a TypeScript source, as [start, end) offsets, each once. */
function tsCommentRanges(file: string, text: string): Array<[number, number]> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const seen = new Map<number, number>();
  const add = (ranges: ts.CommentRange[] | undefined) => {
    for (const r of ranges ?? []) seen.set(r.pos, r.end);
  };
  const visit = (node: ts.Node) => {
    const children = node.getChildren(source);
    if (children.length === 0) {
      add(ts.getLeadingCommentRanges(text, node.getFullStart()));
      add(ts.getTrailingCommentRanges(text, node.getEnd()));
      return;
    }
    children.forEach(visit);
  };
  visit(source);
  add(ts.getLeadingCommentRanges(text, source.endOfFileToken.getFullStart()));
  return [...seen.entries()].sort((a, b) => a[0] - b[0]);
}

/** Every /* comment *\/ in a stylesheet. */
function cssCommentRanges(text: string): Array<[number, number]> {
  return [...text.matchAll(/\/\*[\s\S]*?\*\//g)].map((m) => [m.index, m.index + m[0].length]);
}

/** The comment lines of one file's text that carry measurements, with their line numbers. */
function findMeasurements(file: string, text: string): Finding[] {
  const ranges = file.endsWith('.css') ? cssCommentRanges(text) : tsCommentRanges(file, text);
  const findings: Finding[] = [];
  for (const [start, end] of ranges) {
    const firstLine = text.slice(0, start).split('\n').length;
    text
      .slice(start, end)
      .split('\n')
      .forEach((lineText, i) => {
        const hit = MEASUREMENT_PATTERNS.find(([, pattern]) => pattern.test(lineText));
        if (hit) findings.push({ file, line: firstLine + i, what: hit[0], text: lineText.trim() });
      });
  }
  return findings;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(?:ts|css)$/.test(f))
    .map((f) => path.join(dir, f))
    .sort();
}

describe('comments in src', () => {
  it('carry no measurements or story of what was tried: the figures live in bench/README.md', () => {
    const findings = sourceFiles(SRC).flatMap((file) => findMeasurements(path.relative(path.dirname(SRC), file), fs.readFileSync(file, 'utf8')));
    const report = findings.map((f) => `${f.file}:${f.line} (${f.what}): ${f.text}`).join('\n');
    assert.equal(findings.length, 0, `Chú thích chứa số đo (chuyển sang bench/README.md hoặc bench/http/README.md, giữ lại lý do):\n${report}`);
  });

  it('the scan names the file and line of a figure in a block comment, a line comment and a stylesheet comment', () => {
    const code = [
      'const a = 1; // quick: 43 against 56 µs a page',
      '/**',
      ' * Kept, a page took 15 % less CPU.',
      ' */',
      "const url = 'http://example.vn/ 12 ms'; // the why only",
      'const b = 2;',
    ].join('\n');
    assert.deepEqual(
      findMeasurements('src/a.ts', code).map((f) => [f.file, f.line, f.what]),
      [
        ['src/a.ts', 1, 'a duration'],
        ['src/a.ts', 3, 'a percentage'],
      ],
    );
    assert.deepEqual(
      findMeasurements('src/b.css', 'a { color: red; }\n/* Brotli 5 took 2,5 times as long */').map((f) => [f.line, f.what]),
      [[2, 'a speed-up']],
    );
  });

  it('the scan lets the why, sizes that are limits and formats, and periods pass', () => {
    const code = [
      '/** Compressed only for text of 1 KB or more sent whole. */',
      '/** A file size as people read it: "820 KB", "1,2 MB". */',
      '// Autosave every 15 s, and at once on submit.',
      '/** A 24×24 icon. */',
      '/** Each higher Brotli quality costs much more CPU for a few bytes less. */',
    ].join('\n');
    assert.deepEqual(findMeasurements('src/c.ts', code), []);
  });
});
