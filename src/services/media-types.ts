/**
 * Recognises attachment files by their bytes. Office files are ZIP archives,
 * so the archive's own entry names tell DOCX from XLSX; ODT names its type in
 * a "mimetype" entry stored first and uncompressed.
 */

export interface AttachmentType {
  mime: string;
  ext: string;
  label: string;
}

const PDF: AttachmentType = { mime: 'application/pdf', ext: 'pdf', label: 'PDF' };
const DOCX: AttachmentType = { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', label: 'Word' };
const XLSX: AttachmentType = { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', label: 'Excel' };
const ODT: AttachmentType = { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', label: 'ODT' };

/** The attachment type of some bytes, or null when they are none of PDF, DOCX, XLSX, ODT. */
export function detectAttachment(bytes: Buffer): AttachmentType | null {
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return PDF;
  if (bytes.length < 40 || bytes.readUInt32LE(0) !== 0x04034b50) return null;
  // Entry names are stored as plain bytes in the local headers and the central directory.
  const text = bytes.toString('latin1');
  if (text.startsWith('mimetypeapplication/vnd.oasis.opendocument.text', 30)) return ODT;
  if (text.includes('word/document.xml')) return DOCX;
  if (text.includes('xl/workbook.xml')) return XLSX;
  return null;
}

/** A label for a MIME type, for lists of attachments ("PDF", "Ảnh JPEG"). */
export function attachmentLabel(mime: string): string {
  if (mime.startsWith('image/')) return `Ảnh ${mime.slice('image/'.length).toUpperCase()}`;
  return [PDF, DOCX, XLSX, ODT].find((t) => t.mime === mime)?.label ?? mime;
}

/**
 * The attachment type of an upload whose name must say what its bytes are:
 * null when the bytes are no attachment, or when the name's extension names
 * another type ("bao-cao.pdf" that is a Word file), so a resident's download opens.
 */
export function attachmentNamedRightly(bytes: Buffer, name: string): AttachmentType | null {
  const type = detectAttachment(bytes);
  if (!type) return null;
  const ext = /\.([a-z0-9]{1,5})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
  return ext === type.ext ? type : null;
}
