// Bundles the form-js viewer and editor as IIFEs (globals FormViewer / FormEditor) into
// app/static/vendor/form-js/, with their stylesheets and licence. Run: npm ci && npm run build
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';

const out = '../app/static/vendor/form-js';
const modules = 'node_modules/@bpmn-io';
mkdirSync(`${out}/assets`, { recursive: true });

for (const [entry, globalName] of [['form-viewer', 'FormViewer'], ['form-editor', 'FormEditor']]) {
  await build({
    entryPoints: [`${entry}.js`], bundle: true, minify: true, format: 'iife', globalName,
    target: 'es2019', legalComments: 'eof', define: { 'process.env.NODE_ENV': '"production"' },
    outfile: `${out}/${entry}.min.js`,
  });
}
for (const css of ['form-js.css', 'form-js-editor.css', 'draggle.css', 'properties-panel.css']) {
  cpSync(`${modules}/form-js/dist/assets/${css}`, `${out}/assets/${css}`);
}
cpSync(`${modules}/form-js/dist/assets/flatpickr`, `${out}/assets/flatpickr`, { recursive: true });
cpSync(`${modules}/form-js/LICENSE`, `${out}/LICENSE`);
const version = JSON.parse(readFileSync(`${modules}/form-js/package.json`, 'utf8')).version;
console.log(`form-js ${version} bundled into ${out}`);
