import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseOptions } from '../../src/cli/options.ts';
import { UsageError } from '../../src/cli/runtime.ts';

const IMPORT = { site: { type: 'string' }, category: { type: 'string', default: 'tin-tuc' }, date: { type: 'string' } } as const;
const CREATE_SITE = { name: { type: 'string' }, host: { type: 'string', multiple: true }, province: { type: 'string' } } as const;

function usageMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof UsageError, `a usage error, not ${String(error)}`);
    return error.message;
  }
  assert.fail('no error');
}

describe('command-line options', () => {
  it('parses what a command takes, positionals included', () => {
    const { values, positionals } = parseOptions('import-text', ['a.txt', '--site', 'p1.test', 'b.txt'], IMPORT, true);
    assert.deepEqual(positionals, ['a.txt', 'b.txt']);
    assert.equal(values.site, 'p1.test');
    assert.equal(values.category, 'tin-tuc');
  });

  it('a mistyped option suggests the close one: --sit is --site, --hots is --host', () => {
    assert.match(
      usageMessage(() => parseOptions('import-text', ['--sit', 'p1.test'], IMPORT, true)),
      /"--sit".*--site\?/,
    );
    assert.match(
      usageMessage(() => parseOptions('create-site', ['--hots', 'p1.test'], CREATE_SITE)),
      /"--hots".*--host\?/,
    );
  });

  it('an option nothing is close to lists what the command takes, or says it takes none', () => {
    const message = usageMessage(() => parseOptions('import-text', ['--port', '3001'], IMPORT, true));
    assert.doesNotMatch(message, /\?/);
    assert.match(message, /--site …, --category …, --date …/);
    assert.match(
      usageMessage(() => parseOptions('serve', ['--port', '3001'], {})),
      /serve không có tùy chọn nào/,
    );
  });

  it('an option missing its value, at the end or before another option, says it needs one', () => {
    assert.match(
      usageMessage(() => parseOptions('import-text', ['a.txt', '--site'], IMPORT, true)),
      /--site cần một giá trị/,
    );
    assert.match(
      usageMessage(() => parseOptions('import-text', ['a.txt', '--site', '--date', '13/01/2020'], IMPORT, true)),
      /--site cần một giá trị/,
    );
  });

  it('an argument a command does not take is named', () => {
    assert.match(
      usageMessage(() => parseOptions('migrate', ['ngay'], {})),
      /không nhận đối số "ngay"/,
    );
  });
});
