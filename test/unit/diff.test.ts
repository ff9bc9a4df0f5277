import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RevisionRow } from '../../src/db/schema.ts';
import { diffRevisions } from '../../src/services/review/diff.ts';

function revision(overrides: Partial<RevisionRow>): RevisionRow {
  return {
    id: 1,
    site_id: 1,
    article_id: 1,
    number: 1,
    title: 'Hội nghị',
    slug: 'hoi-nghi',
    summary: '',
    body_html: '<p>Một</p>',
    writer: '',
    photographer: '',
    category_id: 1,
    featured_media_id: null,
    author_id: null,
    is_autosave: 0,
    content_changed: 1,
    note: '',
    created_at: '',
    ...overrides,
  };
}

describe('diffRevisions', () => {
  it('shows words added and removed in the body as readers see it', () => {
    const diff = diffRevisions(
      revision({ body_html: '<p>Tổng giá trị vận động là 1.151.800đ.</p>' }),
      revision({ body_html: '<p>Tổng giá trị vận động là 1.151.800.000đ.</p><figure><img src="/a.webp" alt="Trao quà"></figure>' }),
    );
    const body = diff.find((d) => d.field === 'body_html')!;
    assert.equal(body.changed, true);
    assert.deepEqual(
      body.parts.filter((p) => p.kind === 'removed').map((p) => p.text),
      ['1.151.800đ.'],
    );
    assert.deepEqual(
      body.parts.filter((p) => p.kind === 'added').map((p) => p.text.trim()),
      ['1.151.800.000đ.\n[Ảnh: Trao quà]'],
    );
  });

  it('marks unchanged fields as unchanged', () => {
    const diff = diffRevisions(revision({}), revision({ title: 'Hội nghị tổng kết' }));
    assert.deepEqual(
      diff.filter((d) => d.changed).map((d) => d.field),
      ['title'],
    );
  });
});
