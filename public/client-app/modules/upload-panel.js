import { byId } from '/shared/dom.js';
import { formatBytes, formatSeconds } from '/shared/format.js';
import { uploadWithProgress } from './api.js';
import { hideNotice, showNotice } from './notice.js';

/**
 * Step 2: choose an image (drop or picker), see it, upload it with a progress bar. The form
 * sends user_id before the file so the client app can stream the file straight through.
 */
export function createUploadPanel({ userId, onAccepted }) {
  const dropzone = byId('dropzone');
  const fileInput = byId('file-input');
  const preview = byId('preview');
  const button = byId('upload-button');
  const progress = byId('upload-progress');
  const bar = byId('upload-progress-bar');
  const label = byId('upload-progress-label');
  const notice = byId('upload-notice');
  let file = null;
  let previewUrl = null;

  function choose(chosen) {
    if (!chosen) return;
    file = chosen;
    if (previewUrl) URL.revokeObjectURL(previewUrl);
    previewUrl = URL.createObjectURL(chosen);
    preview.src = previewUrl;
    preview.hidden = false;
    byId('dropzone-hint').hidden = true;
    const facts = byId('file-facts');
    facts.textContent = `${chosen.name} · ${chosen.type || 'unknown type'} · ${formatBytes(chosen.size)}`;
    facts.hidden = false;
    button.disabled = false;
    hideNotice(notice);
    progress.hidden = true;
  }

  function setProgress(fraction, text, state) {
    progress.hidden = false;
    progress.classList.toggle('done', state === 'done');
    progress.classList.toggle('failed', state === 'failed');
    bar.style.width = `${Math.round(fraction * 100)}%`;
    label.textContent = text;
  }

  async function upload() {
    if (!file) return;
    const form = new FormData();
    form.append('user_id', userId());
    form.append('bucket', byId('bucket').value);
    form.append('context', byId('context').value);
    form.append('file', file, file.name);
    button.disabled = true;
    hideNotice(notice);
    setProgress(0, '0%');
    try {
      const accepted = await uploadWithProgress(form, (loaded, total) => {
        setProgress(loaded / total, loaded < total ? `${Math.round((loaded / total) * 100)}% of ${formatBytes(total)}` : 'sent, waiting for the API…');
      });
      setProgress(1, 'uploaded', 'done');
      showNotice(notice, 'ok', 'Accepted by the image API', `job ${accepted.job_id}`);
      onAccepted(accepted);
    } catch (error) {
      setProgress(1, `refused (${error.status || 'no answer'})`, 'failed');
      const wait = error.retryAfter ? ` Retry after ${formatSeconds(Number(error.retryAfter))}.` : '';
      showNotice(notice, error.status === 429 ? 'warn' : 'error', `Upload refused: HTTP ${error.status || '—'}`, `${error.message}.${wait}`);
    } finally {
      button.disabled = false;
    }
  }

  fileInput.addEventListener('change', () => choose(fileInput.files?.[0]));
  for (const type of ['dragenter', 'dragover']) {
    dropzone.addEventListener(type, (event) => {
      event.preventDefault();
      dropzone.classList.add('dragging');
    });
  }
  for (const type of ['dragleave', 'drop']) {
    dropzone.addEventListener(type, () => dropzone.classList.remove('dragging'));
  }
  dropzone.addEventListener('drop', (event) => {
    event.preventDefault();
    choose(event.dataTransfer?.files?.[0]);
  });
  byId('upload-form').addEventListener('submit', (event) => {
    event.preventDefault();
    upload();
  });
}
