import { type ParseArgsConfig, parseArgs } from 'node:util';
import { editDistance } from '../services/search/suggest.ts';
import { UsageError } from './runtime.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

/** The option of `known` closest to a mistyped one (one edit for short names, two for longer), if any. */
function closest(typed: string, known: string[]): string | null {
  const allowed = typed.length <= 4 ? 1 : 2;
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    const distance = editDistance(typed, name, allowed);
    if (distance <= allowed && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** "--site TÊN_MIỀN, --category …": what a command takes, for messages. */
function listOptions(options: Options): string {
  return Object.entries(options)
    .map(([name, option]) => (option.type === 'string' ? `--${name} …` : `--${name}`))
    .join(', ');
}

/**
 * Parses a command's arguments with node:util's parseArgs, turning its
 * errors into Vietnamese usage errors: an unknown option names the close
 * one ("--sit": "--site"), an option missing its value says so, and an
 * extra argument is named. `command` is the command's name, for messages.
 */
export function parseOptions<T extends Options>(command: string, args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code;
    const message = (error as Error).message;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const typed = /'(-{1,2}[^']*)'/.exec(message)?.[1] ?? '';
      const name = typed.replace(/^-+/, '').split('=')[0]!;
      const suggestion = closest(name, Object.keys(options));
      const known = Object.keys(options).length ? `Tùy chọn của lệnh ${command}: ${listOptions(options)}.` : `Lệnh ${command} không có tùy chọn nào.`;
      throw new UsageError(`Không có tùy chọn "${typed}" cho lệnh ${command}.${suggestion ? ` Có phải bạn muốn viết --${suggestion}?` : ''} ${known}`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /'--([\w-]+)/.exec(message)?.[1] ?? '';
      if (options[name]?.type === 'string') throw new UsageError(`Tùy chọn --${name} cần một giá trị, ví dụ: --${name} GIÁ_TRỊ.`);
      throw new UsageError(`Tùy chọn --${name} không nhận giá trị: chỉ viết --${name}.`);
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const extra = /'([^']*)'/.exec(message)?.[1] ?? '';
      throw new UsageError(`Lệnh ${command} không nhận đối số "${extra}".`);
    }
    throw error;
  }
}
