import { findWrittenDate } from '../../text/format.ts';
import { toNfc } from '../../text/vietnamese.ts';

/**
 * Parses a page scraped from a legacy ward portal, as plain text:
 *
 *   TITLE IN CAPITALS
 *   paragraph…
 *   paragraph…
 *   Tin: Việt Thắng, Ảnh: Thanh An.
 *   Thông tin khác
 *   - Another post… (19/09/2024)
 *
 * The first line is the title, the credits line gives writer and
 * photographer, and the "Thông tin khác" block and everything after it is
 * the old site's chrome, kept out of the body.
 */

/** A link the old page listed under "Thông tin khác". */
export interface LegacyLink {
  title: string;
  date: string | null;
}

export interface ParsedTextPage {
  title: string;
  paragraphs: string[];
  writer: string;
  photographer: string;
  /** The event date read from the text ("ngày 13 tháng 01 năm 2020"), or null. */
  writtenDate: Date | null;
  /** The old site's chrome that was left out of the body. */
  legacyLinks: LegacyLink[];
}

/** Why a page could not be parsed, in Vietnamese. */
export class TextPageError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'TextPageError';
  }
}

const TITLE_MAX = 300;
const CHROME_START = /^(thông tin khác|tin khác|các tin khác|tin liên quan|bài viết khác|các bài viết khác)\s*:?$/iu;
const LEGACY_LINK = /^[-–•*]\s*(.+?)\s*(?:\((\d{1,2}\/\d{1,2}\/\d{4})\))?$/u;

/**
 * Credits as the portals write them: "Tin: A, Ảnh: B.", "Tin và ảnh: A",
 * "Bài, ảnh: A", "Tin: A" or "Ảnh: B". Group names say which is which.
 */
const CREDITS = [
  /^(?:tin|bài)\s*(?:,|và|\/)\s*ảnh\s*:\s*(?<both>[^:]+?)\.?$/iu,
  /^(?:tin|bài(?: viết)?)\s*:\s*(?<writer>[^:]+?)(?:\s*[,;–-]\s*ảnh\s*:\s*(?<photographer>[^:]+?))?\.?$/iu,
  /^ảnh\s*:\s*(?<photographer>[^:]+?)\.?$/iu,
];

interface Credits {
  writer: string;
  photographer: string;
}

/** Reads a credits line; null when the line is not one. */
export function parseCredits(line: string): Credits | null {
  if (line.length > 160) return null;
  for (const pattern of CREDITS) {
    const groups = pattern.exec(line.trim())?.groups;
    if (!groups) continue;
    if (groups.both) return { writer: groups.both.trim(), photographer: groups.both.trim() };
    return { writer: groups.writer?.trim() ?? '', photographer: groups.photographer?.trim() ?? '' };
  }
  return null;
}

function checkReadable(text: string): void {
  if (text.includes('\u0000')) throw new TextPageError('tệp không phải văn bản (có byte 0, có thể là tệp nhị phân)');
  if (text.includes('\uFFFD')) throw new TextPageError('tệp không phải UTF-8 hợp lệ (có ký tự lỗi mã hóa)');
}

/** Parses the text of a legacy page. Throws TextPageError with the reason when it cannot. */
export function parseTextPage(raw: string): ParsedTextPage {
  checkReadable(raw);
  const lines = toNfc(raw.replace(/^\uFEFF/, ''))
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line.length > 0);
  if (lines.length === 0) throw new TextPageError('tệp trống');

  const [title, ...rest] = lines as [string, ...string[]];
  if (title.length > TITLE_MAX) {
    throw new TextPageError(`dòng đầu dài ${title.length} ký tự, không giống một tiêu đề (tối đa ${TITLE_MAX})`);
  }

  const chromeAt = rest.findIndex((line) => CHROME_START.test(line));
  const content = chromeAt === -1 ? rest : rest.slice(0, chromeAt);
  const chrome = chromeAt === -1 ? [] : rest.slice(chromeAt + 1);

  // The credits line closes the report; look for it among the last lines only.
  let credits: Credits = { writer: '', photographer: '' };
  const paragraphs = [...content];
  for (let i = paragraphs.length - 1; i >= Math.max(0, paragraphs.length - 3); i--) {
    const found = parseCredits(paragraphs[i] as string);
    if (found) {
      credits = found;
      paragraphs.splice(i, 1);
      break;
    }
  }
  if (paragraphs.length === 0) throw new TextPageError('không có đoạn nội dung nào sau tiêu đề');

  const legacyLinks = chrome
    .map((line) => LEGACY_LINK.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: m[1] as string, date: m[2] ?? null }));

  return {
    title,
    paragraphs,
    writer: credits.writer,
    photographer: credits.photographer,
    writtenDate: findWrittenDate(paragraphs.join('\n')),
    legacyLinks,
  };
}
