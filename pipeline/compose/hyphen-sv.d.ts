// hyphen ships no types; this is the part we use.
declare module 'hyphen/sv/index.js' {
  interface HyphenOptions {
    hyphenChar?: string;
    minWordLength?: number;
  }
  const hyphen: { hyphenateSync(text: string, options?: HyphenOptions): string };
  export default hyphen;
}
