import type { CredentialFile } from './credential-files.ts';

/**
 * Saves a generated file in the browser: a Blob and a temporary <a download>. Nothing goes to the server, so a secret
 * in the file (the one-time panel) never leaves this page except into the user's download.
 */
export function downloadFile(file: CredentialFile): void {
  const url = URL.createObjectURL(
    new Blob([file.content], {
      type: file.filename.endsWith('.sh')
        ? 'text/x-shellscript'
        : file.filename.endsWith('.txt')
          ? 'text/plain'
          : 'application/yaml',
    }),
  );
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = file.filename;
  anchor.rel = 'noopener';
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  // The download has started from the click; free the Blob once the browser has taken it.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
