// Bundles the dmn-js Modeler as an IIFE (global DmnJS) into app/static/vendor/dmn-js/, with its stylesheets,
// font and licence. A separate step from build.mjs (form-js). Run: npm ci && npm run build:dmn
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';

const out = '../app/static/vendor/dmn-js';
const dist = 'node_modules/dmn-js/dist/assets';
mkdirSync(`${out}/assets`, { recursive: true });

await build({
  entryPoints: ['dmn-editor.js'], bundle: true, minify: true, format: 'iife',
  target: 'es2019', legalComments: 'eof', define: { 'process.env.NODE_ENV': '"production"' },
  outfile: `${out}/dmn-modeler.min.js`,
});
for (const css of ['diagram-js.css', 'dmn-js-shared.css', 'dmn-js-drd.css', 'dmn-js-decision-table.css',
  'dmn-js-decision-table-controls.css', 'dmn-js-literal-expression.css']) {
  cpSync(`${dist}/${css}`, `${out}/assets/${css}`);
}
cpSync(`${dist}/dmn-font`, `${out}/assets/dmn-font`, { recursive: true });
cpSync('node_modules/dmn-js/LICENSE', `${out}/LICENSE`);
const version = JSON.parse(readFileSync('node_modules/dmn-js/package.json', 'utf8')).version;
console.log(`dmn-js ${version} bundled into ${out}`);
