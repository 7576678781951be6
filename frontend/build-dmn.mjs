// Bundles the dmn-js Modeler as an IIFE (global DmnJS) into app/static/vendor/dmn-js/, with its stylesheets,
// font and licence. A separate step from build.mjs (form-js). Run: npm ci && npm run build:dmn
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';

const out = '../app/static/vendor/dmn-js';
const dist = 'node_modules/dmn-js/dist/assets';
mkdirSync(`${out}/assets`, { recursive: true });

const result = await build({
  entryPoints: ['dmn-editor.js'], bundle: true, minify: true, format: 'iife', metafile: true,
  target: 'es2019', legalComments: 'eof', define: { 'process.env.NODE_ENV': '"production"' },
  outfile: `${out}/dmn-modeler.min.js`,
});
for (const css of ['diagram-js.css', 'dmn-js-shared.css', 'dmn-js-drd.css', 'dmn-js-decision-table.css',
  'dmn-js-decision-table-controls.css', 'dmn-js-literal-expression.css']) {
  cpSync(`${dist}/${css}`, `${out}/assets/${css}`);
}
cpSync(`${dist}/dmn-font`, `${out}/assets/dmn-font`, { recursive: true });
cpSync('node_modules/dmn-js/LICENSE', `${out}/LICENSE`);

// every npm package that ended up in the bundle, with its licence text
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
const notices = [...packages].sort().map((name) => {
  const dir = `node_modules/${name}`;
  const meta = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
  const text = file && existsSync(`${dir}/${file}`) ? readFileSync(`${dir}/${file}`, 'utf8').trim() : '(no licence file)';
  return `${name}@${meta.version} (${meta.license || 'see text'})\n\n${text}\n`;
});
writeFileSync(`${out}/THIRD_PARTY_LICENSES.txt`, notices.join('\n' + '-'.repeat(78) + '\n\n'));
const version = JSON.parse(readFileSync('node_modules/dmn-js/package.json', 'utf8')).version;
console.log(`dmn-js ${version} bundled into ${out}`);
