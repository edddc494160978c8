/**
 * Text as an OAuth `error_description` may carry it: RFC 6749 §5.2 allows printable ASCII other
 * than `"` and `\` (and RFC 6750 §3 the same in a Bearer challenge, where a quote would end the
 * value). A quote becomes `'`, the section sign of the RFCs the messages cite the word `section`;
 * anything else, which a header could not even carry beyond Latin-1, becomes `?`.
 */
export function oauthErrorDescription(text: string): string {
  return text.replace(/["\\]/g, "'").replace(/§\s*/g, 'section ').replace(/[^\x20-\x7e]/gu, '?');
}
