import { byId, el } from '/shared/dom.js';
import { formatBytes } from '/shared/format.js';

/** Only a well-formed hex colour from the server reaches a style property. */
function safeColor(value) {
  return typeof value === 'string' && /^#[0-9a-f]{6}$/i.test(value) ? value : null;
}

/**
 * Only an http(s) URL (or one relative to this page) from the server becomes an image source or a
 * link: a javascript: or data: URL would be the page's own script or document, not an image.
 */
function webUrl(value) {
  const url = URL.parse(value, window.location.href);
  return url && (url.protocol === 'http:' || url.protocol === 'https:') ? url.href : null;
}

/** The result's renderings: the original first, then each variant the image API made. */
function renderings(result) {
  const original = {
    name: 'original', format: result.format, width: result.width, height: result.height, size_bytes: result.size_bytes, url: result.urls?.original,
  };
  const variants = Array.isArray(result.variants) && result.variants.length > 0
    ? result.variants
    : Object.entries(result.urls ?? {}).filter(([name]) => name !== 'original').map(([name, url]) => ({ name, url }));
  return [original, ...variants].filter((rendering) => typeof rendering.url === 'string');
}

function dimensions(rendering) {
  return rendering.width && rendering.height ? `${rendering.width} × ${rendering.height}` : '';
}

/** A rendering whose URL is none to load or open: said as text. */
function unusableCard(rendering) {
  return el('figure', { className: 'variant', 'data-variant': rendering.name },
    el('figcaption', { className: 'variant-caption' }, `${rendering.name}: not an http(s) URL: ${rendering.url}`));
}

function variantCard(rendering, color) {
  const url = webUrl(rendering.url);
  if (!url) return unusableCard(rendering);
  const meta = el('div', { className: 'variant-meta' }, [dimensions(rendering), formatBytes(rendering.size_bytes)].filter(Boolean).join(' · '));
  const image = el('img', { src: url, alt: `${rendering.name} rendering`, loading: 'lazy', decoding: 'async' });
  // when the API gave no dimensions, show what the browser decoded
  image.addEventListener('load', () => {
    if (!rendering.width) meta.textContent = [`${image.naturalWidth} × ${image.naturalHeight}`, formatBytes(rendering.size_bytes)].join(' · ');
  });
  const swatch = el('span', { className: 'swatch', title: color ?? 'no dominant colour' });
  if (color) swatch.style.background = color;
  return el('figure', { className: 'variant', 'data-variant': rendering.name, 'data-format': rendering.format ?? '' },
    el('div', { className: 'variant-image' }, image),
    el('figcaption', { className: 'variant-caption' },
      el('div', { className: 'variant-name' }, el('span', {}, `${rendering.name}${rendering.format ? ` · ${rendering.format}` : ''}`), swatch),
      meta,
      el('a', { className: 'variant-link', href: url, target: '_blank', rel: 'noopener' }, 'open')));
}

/** Renders a finished job: the dominant colour, the original's facts, and every variant as an image. */
export function renderResult(result) {
  const color = safeColor(result.dominant_color);
  const swatch = byId('dominant-swatch');
  swatch.style.background = color ?? 'transparent';
  byId('dominant-hex').textContent = color ?? 'unknown';
  byId('result-original').textContent = `original ${result.width ?? '?'} × ${result.height ?? '?'} ${result.format ?? ''} · ${formatBytes(result.size_bytes)}`;
  byId('variants').replaceChildren(...renderings(result).map((rendering) => variantCard(rendering, color)));
  byId('result').hidden = false;
}

export function clearResult() {
  byId('result').hidden = true;
  byId('variants').replaceChildren();
}
