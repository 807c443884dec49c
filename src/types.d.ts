/** Tree-sitter queries are kept as .scm files and imported as text (esbuild `text` loader). */
declare module '*.scm' {
  const source: string;
  export default source;
}
