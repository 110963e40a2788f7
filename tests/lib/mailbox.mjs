// mailbox.mjs — a stand-in for sendmail that appends each message to a file, and a reader of
// that file: headers unfolded and RFC 2047 decoded, and the body.
import { writeFileSync, readFileSync, existsSync, chmodSync } from 'node:fs';
import { join } from 'node:path';

const SEP = '=====INSYN-TEST=====';

// A shell script in dir, made executable; returns its path.
export function script(dir, name, body) {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

// The sendmail commands of a mailbox file in dir: `ok` keeps every message, `fail` refuses all,
// `refusing(to)` refuses the messages to one address and keeps the others.
export function mailbox(dir, name = 'mail.txt') {
  const file = join(dir, name);
  const keep = `printf '%s\\n%s\\n' "$msg" '${SEP}' >> "${file}"`;
  return {
    file,
    ok: script(dir, `${name}-ok.sh`, `msg=$(cat)\n${keep}\nexit 0`),
    fail: script(dir, `${name}-fail.sh`, 'cat > /dev/null\nexit 1'),
    refusing: (to) => script(dir, `${name}-refuse-${to.replace(/[^a-z0-9]/gi, '_')}.sh`,
      `msg=$(cat)\ncase "$msg" in *"To: ${to}"*) exit 75;; esac\n${keep}`),
  };
}

// Adjacent encoded words are joined, then decoded together.
export function decode2047(value) {
  return value.replace(/\?=\s+=\?/g, '?==?').replace(/(=\?UTF-8\?B\?[^?]*\?=)+/gi, (run) =>
    Buffer.concat([...run.matchAll(/=\?UTF-8\?B\?([^?]*)\?=/gi)].map((m) => Buffer.from(m[1], 'base64'))).toString('utf8'));
}

// The messages in a mailbox file: { headers, body, raw }, headers.rawSubject as sent.
export function messages(file) {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split(`${SEP}\n`).filter((m) => m.trim()).map((raw) => {
    const blank = raw.indexOf('\n\n');
    const head = raw.slice(0, blank);
    const headers = {};
    for (const line of head.replace(/\n[ \t]/g, '\n ').split(/\n(?![ \t])/)) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    headers.rawSubject = headers.subject;
    headers.subject = decode2047(headers.subject);
    return { headers, body: raw.slice(blank + 2), raw };
  });
}
