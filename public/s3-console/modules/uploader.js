/**
 * Uploads dropped or picked files into the current folder, one progress bar each; several files
 * go up together. Each stored object is handed to `onStored` (the listing shows it at once).
 */
import { el } from '/_console/shared/dom.js';
import { formatBytes, revealHidden } from '/_console/shared/format.js';
import { uploadFile } from './api.js';

export function createUploader({ dropZone, fileInput, list, target, onStored }) {
  function uploadOne(file) {
    const { bucket, prefix } = target();
    const key = prefix + file.name;
    const bar = el('progress', { max: 1, value: 0 });
    const state = el('span', { className: 'state' }, '0 %');
    const item = el('li', { 'data-key': key, 'data-state': 'uploading' }, el('span', { className: 'name', title: revealHidden(key) }, `${revealHidden(file.name)} · ${formatBytes(file.size)}`), bar, state);
    list.prepend(item);
    return uploadFile(bucket, key, file, (loaded, total) => {
      bar.value = total > 0 ? loaded / total : 1;
      state.textContent = `${Math.floor((total > 0 ? loaded / total : 1) * 100)} %`;
    }).then((object) => {
      bar.value = 1;
      item.dataset.state = 'done';
      state.textContent = 'stored';
      onStored(bucket, object);
    }, (error) => {
      item.dataset.state = 'failed';
      state.textContent = 'failed';
      state.title = error.message;
    });
  }

  function uploadAll(files) {
    if (!target().bucket) return;
    for (const file of files) void uploadOne(file);
  }

  const isFileDrag = (event) => [...(event.dataTransfer?.types ?? [])].includes('Files');
  dropZone.addEventListener('dragover', (event) => {
    if (!isFileDrag(event)) return;
    event.preventDefault();
    dropZone.classList.add('dragging');
  });
  dropZone.addEventListener('dragleave', (event) => {
    if (!dropZone.contains(event.relatedTarget)) dropZone.classList.remove('dragging');
  });
  dropZone.addEventListener('drop', (event) => {
    event.preventDefault();
    dropZone.classList.remove('dragging');
    uploadAll(event.dataTransfer?.files ?? []);
  });
  fileInput.addEventListener('change', () => {
    uploadAll(fileInput.files ?? []);
    fileInput.value = '';
  });
}
