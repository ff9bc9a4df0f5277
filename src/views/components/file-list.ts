import { type SafeHtml, html } from '../html.ts';

/** A file to download, as a page lists it: its address, name, and type and size ("PDF, 1,2 MB"). */
export interface FileLink {
  url: string;
  name: string;
  meta: string;
}

/** The list of a page's files to download, each under its name with its type and size. */
export function fileList(files: FileLink[]): SafeHtml {
  return html`<ul class="document-files">${files.map((f) => html`<li><a href="${f.url}" download>${f.name}</a> <span class="file-meta">(${f.meta})</span></li>`)}</ul>`;
}
