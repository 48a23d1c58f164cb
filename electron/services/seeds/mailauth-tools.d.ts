/** The one helper of mailauth's internal tools this feature uses (the package ships no types for it). */
declare module 'mailauth/lib/tools.js' {
  export function parseDkimHeaders(header: string): { parsed: Record<string, unknown> };
}
