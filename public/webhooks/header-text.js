// Header pairs as the forms show them: one "Name: value" per line, order and case kept.

export function headersToText(pairs) {
  return pairs.map(([name, value]) => `${name}: ${value}`).join('\n');
}

/** The pairs a textarea holds; a line without a colon is an error naming it. */
export function textToHeaders(text) {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new Error(`not a header line (Name: value): ${line}`);
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}
