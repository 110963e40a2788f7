// reports.mjs — reading a report back as a person would: a PDF's text through pdftotext, an
// ODT's parts through python3's zipfile and XML parser, and a download with its bytes.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

// pdftotext writes the no-break spaces of "1 234" and "67 %" as they are; compare with spaces.
export const pdfText = (file) => execFileSync('pdftotext', ['-layout', file, '-']).toString().replace(/\u00a0/g, ' ');
export const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// A sentence as a pattern that lets any line break (and a table's column gap) fall between words.
export const sentence = (s) => new RegExp(escape(s).replace(/ /g, '\\s+'));

// The ODT's parts as Python's zipfile and XML parser read them: the member names in order,
// whether the mimetype is stored, and the text of each heading, paragraph and table cell.
export function readOdt(file) {
  const script = `
import json, sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
T = '{urn:oasis:names:tc:opendocument:xmlns:text:1.0}'
TB = '{urn:oasis:names:tc:opendocument:xmlns:table:1.0}'
root = ET.fromstring(z.read('content.xml'))
def text(e): return ''.join(e.itertext())
for n in ('styles.xml', 'meta.xml', 'META-INF/manifest.xml'): ET.fromstring(z.read(n))
print(json.dumps({
  'members': [i.filename for i in z.infolist()],
  'mimetype_stored': z.infolist()[0].compress_type == 0,
  'mimetype': z.read('mimetype').decode(),
  'headings': [[int(h.get(T + 'outline-level')), text(h)] for h in root.iter(T + 'h')],
  'paragraphs': [text(p) for p in root.iter(T + 'p')],
  'tables': [[[text(c) for c in r.iter(TB + 'table-cell')] for r in t.iter(TB + 'table-row')] for t in root.iter(TB + 'table')],
}))`;
  return JSON.parse(execFileSync('python3', ['-c', script, file]).toString());
}

// A download as the browser gets it (client: a logged-in Client): status, headers and the bytes,
// kept in a file when one is named.
export async function download(base, client, path, file) {
  const res = await fetch(base + path, { headers: { Cookie: client.cookieHeader() }, redirect: 'manual' });
  const bytes = Buffer.from(await res.arrayBuffer());
  if (file) writeFileSync(file, bytes);
  return { status: res.status, headers: res.headers, bytes };
}
