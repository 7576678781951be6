// Bundles the vendored front-end code into app/static/vendor (see app/static/vendor/README.md):
// - form-js viewer and editor as IIFEs (globals FormViewer / FormEditor) into form-js/
// - the process modeler (bpmn-js + properties panel + Camunda moddle/behaviours + 审批属性 + zh-CN) as an IIFE
//   (global BpmnPanelModeler) into bpmn-js/bpmn-modeler-panel.min.js, with the viewer and stylesheets.
// Run: npm ci && npm run build
import { build } from 'esbuild';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';

const vendor = '../app/static/vendor';
const out = `${vendor}/form-js`;
const modules = 'node_modules/@bpmn-io';
mkdirSync(`${out}/assets`, { recursive: true });
const common = { bundle: true, minify: true, format: 'iife', target: 'es2019', legalComments: 'eof',
  define: { 'process.env.NODE_ENV': '"production"' } };

for (const [entry, globalName] of [['form-viewer', 'FormViewer'], ['form-editor', 'FormEditor']]) {
  await build({ ...common, entryPoints: [`${entry}.js`], globalName, outfile: `${out}/${entry}.min.js` });
}
for (const css of ['form-js.css', 'form-js-editor.css', 'draggle.css', 'properties-panel.css']) {
  cpSync(`${modules}/form-js/dist/assets/${css}`, `${out}/assets/${css}`);
}
cpSync(`${modules}/form-js/dist/assets/flatpickr`, `${out}/assets/flatpickr`, { recursive: true });
cpSync(`${modules}/form-js/LICENSE`, `${out}/LICENSE`);

const bpmn = `${vendor}/bpmn-js`;
await build({ ...common, entryPoints: ['modeler/index.js'], globalName: 'BpmnPanelModeler',
  outfile: `${bpmn}/bpmn-modeler-panel.min.js`, loader: { '.json': 'json' } });
cpSync('node_modules/bpmn-js/dist/bpmn-navigated-viewer.production.min.js', `${bpmn}/bpmn-navigated-viewer.production.min.js`);
cpSync('node_modules/bpmn-js/dist/assets', `${bpmn}/assets`, { recursive: true });
cpSync('node_modules/@bpmn-io/properties-panel/dist/assets/properties-panel.css', `${bpmn}/assets/properties-panel.css`);
cpSync('node_modules/bpmn-js/LICENSE', `${bpmn}/LICENSE`);
mkdirSync(`${bpmn}/licences`, { recursive: true });
for (const pkg of ['bpmn-js-properties-panel', '@bpmn-io/properties-panel', 'camunda-bpmn-moddle', 'camunda-bpmn-js-behaviors', 'diagram-js']) {
  cpSync(`node_modules/${pkg}/LICENSE`, `${bpmn}/licences/${pkg.replace('/', '__')}.LICENSE`);
}
cpSync('node_modules/camunda-bpmn-moddle/resources/camunda.json', `${vendor}/camunda-bpmn-moddle/camunda.json`);

const versionOf = pkg => JSON.parse(readFileSync(`node_modules/${pkg}/package.json`, 'utf8')).version;
console.log(`form-js ${versionOf('@bpmn-io/form-js')} bundled into ${out}`);
console.log(`bpmn-js ${versionOf('bpmn-js')} + bpmn-js-properties-panel ${versionOf('bpmn-js-properties-panel')} bundled into ${bpmn}`);
